using System.Text;
using System.Text.Json;
using Appliance.Venue;
using Appliance.WebSockets.Connection;

namespace Appliance.Trading.Tests.TestSupport;

/// <summary>
/// An independent JSON-RPC client of the simulator's /trade (same account as the gateway under test), to
/// check from outside what the venue really holds: open orders, positions.
/// </summary>
internal sealed class VenueProbe : IDisposable
{
    private readonly WebSocketConnection _connection;
    private readonly Thread _thread;
    private readonly List<string> _messages = new();
    private long _nextId;

    public VenueProbe(VenueHost venue, string key)
    {
        _connection = WebSocketClient.Connect(venue.WebSocketUri("/trade"));
        _thread = new Thread(() =>
        {
            var handler = new Collector(this);
            _connection.Run(ref handler);
        }) { IsBackground = true, Name = "venue-probe" };
        _thread.Start();
        Call("public/login", $$"""{"key":"{{key}}","signature":""}""");
    }

    public JsonElement Call(string method, string paramsJson = "{}")
    {
        long id = Interlocked.Increment(ref _nextId);
        _connection.SendText($$"""{"jsonrpc":"2.0","id":{{id}},"method":"{{method}}","params":{{paramsJson}}}""");
        JsonElement answer = default;
        Wait.Until(() =>
        {
            lock (_messages)
            {
                foreach (string m in _messages)
                {
                    using var doc = JsonDocument.Parse(m);
                    if (doc.RootElement.TryGetProperty("id", out JsonElement i) && i.ValueKind == JsonValueKind.Number && i.GetInt64() == id)
                    {
                        answer = doc.RootElement.Clone();
                        return true;
                    }
                }
            }
            return false;
        }, $"the answer to {method}");
        return answer.TryGetProperty("result", out JsonElement result) ? result : answer;
    }

    public JsonElement[] OpenOrders() => Call("private/open_orders").EnumerateArray().ToArray();

    public decimal Position(string venueSymbol)
    {
        foreach (JsonElement p in Call("private/positions").EnumerateArray())
            if (p.GetProperty("instrument_name").GetString() == venueSymbol) return decimal.Parse(p.GetProperty("position").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        return 0;
    }

    public void Dispose()
    {
        _connection.Close();
        _thread.Join(TimeSpan.FromSeconds(5));
        _connection.Dispose();
    }

    private struct Collector(VenueProbe probe) : IWebSocketMessageHandler
    {
        public void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp)
        {
            string text = Encoding.UTF8.GetString(payload);
            lock (probe._messages) probe._messages.Add(text);
        }
    }
}
