using System.Text.Json;

namespace Appliance.Venue.Tests.Support;

/// <summary>A JSON-RPC client of /trade over our own WebSocket client: requests by id, notifications kept in order.</summary>
internal sealed class TradeClient : IDisposable
{
    private readonly StreamClient _stream;
    private long _nextId;

    private TradeClient(StreamClient stream) => _stream = stream;

    public StreamClient Stream => _stream;

    public static TradeClient Connect(VenueHost venue, string? tag = null) =>
        new(StreamClient.Connect(venue.WebSocketUri("/trade" + (tag is null ? "" : "?tag=" + tag))));

    public static async Task<TradeClient> LoginAsync(VenueHost venue, string key = "alice", string? tag = null)
    {
        var client = Connect(venue, tag);
        JsonElement answer = await client.CallAsync("public/login", $$"""{"key":"{{key}}","signature":"x"}""");
        Assert.That(answer.GetProperty("result").GetProperty("account").GetString(), Is.EqualTo(key));
        return client;
    }

    /// <summary>Every message received, parsed, in order.</summary>
    public JsonElement[] Messages() => _stream.Snapshot().Select(m => JsonDocument.Parse(m).RootElement.Clone()).ToArray();

    /// <summary>Notifications of a channel, flattened: one element per order or trade object, in order.</summary>
    public JsonElement[] Notifications(string channel) => Messages()
        .Where(m => m.TryGetProperty("method", out var method) && method.GetString() == "subscription" &&
                    m.GetProperty("params").GetProperty("channel").GetString() == channel)
        .SelectMany(m => m.GetProperty("params").GetProperty("notification").EnumerateArray())
        .ToArray();

    public long Send(string method, string paramsJson = "{}")
    {
        long id = Interlocked.Increment(ref _nextId);
        _stream.Send($$"""{"jsonrpc":"2.0","id":{{id}},"method":"{{method}}","params":{{paramsJson}}}""");
        return id;
    }

    public JsonElement WaitForAnswer(long id, TimeSpan? timeout = null)
    {
        JsonElement found = default;
        _stream.WaitFor(messages =>
        {
            foreach (byte[] m in messages)
            {
                using var doc = JsonDocument.Parse(m);
                if (doc.RootElement.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.Number && i.GetInt64() == id)
                {
                    found = doc.RootElement.Clone();
                    return true;
                }
            }
            return false;
        }, $"the answer to request {id}", timeout);
        return found;
    }

    public Task<JsonElement> CallAsync(string method, string paramsJson = "{}") => Task.Run(() => WaitForAnswer(Send(method, paramsJson)));

    /// <summary>The result of a call that must succeed.</summary>
    public async Task<JsonElement> ResultAsync(string method, string paramsJson = "{}")
    {
        JsonElement answer = await CallAsync(method, paramsJson);
        if (!answer.TryGetProperty("result", out JsonElement result)) Assert.Fail($"{method} {paramsJson} failed: {answer}");
        return result;
    }

    /// <summary>The error code of a call that must fail.</summary>
    public async Task<int> ErrorCodeAsync(string method, string paramsJson = "{}")
    {
        JsonElement answer = await CallAsync(method, paramsJson);
        if (!answer.TryGetProperty("error", out JsonElement error)) Assert.Fail($"{method} {paramsJson} succeeded: {answer}");
        return error.GetProperty("code").GetInt32();
    }

    public void Dispose() => _stream.Dispose();
}
