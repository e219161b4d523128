using System.Text.Json;
using Appliance.Venue.Tests.Support;

namespace Appliance.Venue.Tests.Market;

/// <summary>Event times: market time follows the wall clock unless a start time fixes it (then it only advances by steps).</summary>
public sealed class MarketTimeTests
{
    private static long EventTimeOfNextTrade(StreamClient client, int after)
    {
        byte[][] messages = client.WaitForCount(after + 1);
        return JsonDocument.Parse(messages[after]).RootElement.GetProperty("E").GetInt64();
    }

    [Test]
    public async Task After_a_pause_event_times_catch_up_with_the_wall_clock()
    {
        await using VenueHost venue = await Venues.StartAsync(o => o.Rate = 2000);
        using var client = StreamClient.Connect(venue.WebSocketUri("/ws/btcusdt@trade"));
        client.WaitForCount(5);
        await venue.Control.PauseAsync();
        DateTimeOffset paused = DateTimeOffset.UtcNow;
        Await.Until(() => DateTimeOffset.UtcNow - paused > TimeSpan.FromMilliseconds(500), "half a second of wall time");
        int seen = client.Count;
        long resumedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await venue.Control.ResumeAsync();
        long e = EventTimeOfNextTrade(client, seen);
        Assert.That(e, Is.GreaterThanOrEqualTo(resumedAt - 20), "E is now, not half a second ago");
        Assert.That(e, Is.LessThan(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 20));
    }

    [Test]
    public async Task With_a_start_time_event_times_advance_only_by_steps()
    {
        await using VenueHost venue = await Venues.StartAsync(o => { o.Rate = 1000; o.StartTimeMs = 1_600_000_000_000; o.StartPaused = true; });
        using var client = StreamClient.Connect(venue.WebSocketUri("/ws/ethusdt@depth"));
        Await.Until(() => venue.Runtime.Connections.Open.Length == 1, "the connection");
        await venue.Control.StepAsync(2500);
        byte[][] messages = client.WaitForCount(1);
        long first = JsonDocument.Parse(messages[0]).RootElement.GetProperty("E").GetInt64();
        Assert.That(first, Is.InRange(1_600_000_000_000, 1_600_000_002_500), "step i happens at start + i / rate");
        JsonElement stats = await venue.Control.StatsAsync();
        Assert.That(stats.GetProperty("generator").GetProperty("market_time_ms").GetInt64(), Is.EqualTo(1_600_000_002_500));
    }
}
