using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Appliance.Venue;

/// <summary>
/// A small client of the control API for tests in any project (answers as <see cref="JsonElement"/>;
/// no reflection-based serialisation). Every call throws <see cref="HttpRequestException"/> with the
/// venue's error text on a non-2xx answer.
/// </summary>
public sealed class VenueControlClient : IDisposable
{
    private readonly HttpClient _http;

    public VenueControlClient(Uri baseUri)
    {
        _http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Task<JsonElement> PauseAsync() => SendAsync(HttpMethod.Post, "control/pause");

    public Task<JsonElement> ResumeAsync() => SendAsync(HttpMethod.Post, "control/resume");

    public Task<JsonElement> StepAsync(long count) => SendAsync(HttpMethod.Post, $"control/step?count={count.ToString(CultureInfo.InvariantCulture)}");

    public Task<JsonElement> StatsAsync() => SendAsync(HttpMethod.Get, "control/stats");

    public Task<JsonElement> ConnectionsAsync() => SendAsync(HttpMethod.Get, "control/connections");

    /// <summary>The simulator's whole book: <c>{"symbol":..,"lastUpdateId":..,"bids":[["p","q"],..],"asks":..}</c>.</summary>
    public Task<JsonElement> BookAsync(string symbol) => SendAsync(HttpMethod.Get, $"control/book?symbol={Uri.EscapeDataString(symbol)}");

    /// <summary>The REST snapshot, as a feed would fetch it.</summary>
    public Task<JsonElement> DepthAsync(string symbol, int limit = 100) =>
        SendAsync(HttpMethod.Get, $"api/v3/depth?symbol={Uri.EscapeDataString(symbol)}&limit={limit.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>Injects a fault (<paramref name="json"/> as docs/venue.md describes); the answer lists the fault ids per connection.</summary>
    public Task<JsonElement> FaultAsync(string json) => SendAsync(HttpMethod.Post, "control/fault", json);

    public Task<JsonElement> FaultAsync(int id) => SendAsync(HttpMethod.Get, $"control/fault/{id.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>Polls a fault until its state is no longer pending/active.</summary>
    public async Task<JsonElement> WaitForFaultAsync(int id, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            JsonElement fault = await FaultAsync(id);
            string? state = fault.GetProperty("state").GetString();
            if (state is not ("pending" or "active")) return fault;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"fault {id} still {state} after {timeout}: {fault}");
            await Task.Delay(10);
        }
    }

    /// <summary>Polls /control/stats until <paramref name="condition"/> holds (e.g. your connection has subscribed); returns those stats.</summary>
    public async Task<JsonElement> WaitForStatsAsync(Func<JsonElement, bool> condition, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            JsonElement stats = await StatsAsync();
            if (condition(stats)) return stats;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"venue stats did not reach the condition within {timeout}");
            await Task.Delay(10);
        }
    }

    /// <summary>Waits until <paramref name="count"/> connections are open (market and trade together).</summary>
    public Task<JsonElement> WaitForOpenConnectionsAsync(int count, TimeSpan timeout) =>
        WaitForStatsAsync(s => s.GetProperty("connections").EnumerateArray().Count(c => c.GetProperty("open").GetBoolean()) >= count, timeout);

    public async Task<JsonElement> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        using HttpResponseMessage response = await _http.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{method} {path}: {(int)response.StatusCode} {body}", null, response.StatusCode);
        using JsonDocument doc = JsonDocument.Parse(body);
        return doc.RootElement.Clone();
    }

    public void Dispose() => _http.Dispose();
}
