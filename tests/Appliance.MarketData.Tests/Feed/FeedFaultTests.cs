using System.Text.Json;
using Appliance.MarketData.Events;
using Appliance.MarketData.Feed;
using Appliance.MarketData.Tests.Support;
using Appliance.Primitives.Time;

namespace Appliance.MarketData.Tests.Feed;

/// <summary>
/// A feed session against the venue simulator under each fault it can inject, asserting what the venue's
/// fault record says happened: gaps where ids were skipped, exactly as many duplicates as were re-sent,
/// reconnects within the backoff bound, and the book equal to the venue's at the end.
/// </summary>
[NonParallelizable]
public class FeedFaultTests
{
    private static readonly string[] BtcStreams = ["btcusdt@trade", "btcusdt@bookTicker", "btcusdt@depth@100ms"];
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static async Task<FeedRig> StartSyncedAsync(int staleAfterMs = 2000, Action<Venue.VenueOptions>? venue = null)
    {
        FeedRig rig = await FeedRig.StartVenueAsync(configure: venue);
        rig.Start([rig.Line("a", BtcStreams, staleAfterMs)]);
        rig.Collector.WaitFor(e => e.Any(x => x.Status == FeedStatus.Resynced) && e.Any(x => x.Kind == MarketEventKind.Trade), Timeout, "first resync");
        return rig;
    }

    private static async Task<JsonElement> InjectAndWaitAsync(FeedRig rig, string json)
    {
        JsonElement answer = await rig.FaultAsync(json);
        int id = answer.GetProperty("faults")[0].GetProperty("id").GetInt32();
        return await rig.Venue.Control.WaitForFaultAsync(id, Timeout);
    }

    /// <summary>One line per fault for the closing note's fault matrix: what the venue did and what we saw.</summary>
    private static void Observed(string fault, string what) => TestContext.Out.WriteLine($"fault matrix | {fault} | {what}");

    private static async Task EndInSyncAsync(FeedRig rig)
    {
        rig.Collector.WaitFor(e => e.Last(x => x.Kind != MarketEventKind.Trade && x.Kind != MarketEventKind.BestBidOffer) is var last
            && (last.Kind == MarketEventKind.DepthDiff || last.Status == FeedStatus.Resynced), Timeout, "book back in sync");
        await rig.PauseAndDrainAsync("BTCUSDT", Timeout);
        await rig.AssertBookEqualsVenueAsync("BTCUSDT");
        Assert.That(rig.Collector.BookErrors, Is.Zero);
    }

    [Test]
    public async Task Skipped_depth_ids_are_reported_as_exactly_that_gap_and_the_book_resyncs_to_the_venues()
    {
        await using FeedRig rig = await StartSyncedAsync();
        JsonElement fault = await InjectAndWaitAsync(rig, """{"kind":"gap","tag":"a","stream":"depth","symbol":"BTCUSDT","count":3}""");
        JsonElement[] skipped = fault.GetProperty("skipped").EnumerateArray().ToArray();
        Assert.That(skipped, Has.Length.EqualTo(3), fault.ToString());

        List<MarketEvent> events = rig.Collector.WaitFor(e => e.Count(x => x.Status == FeedStatus.Resynced) >= 2, Timeout, "resync after the gap");
        MarketEvent gap = events.Single(x => x.Status == FeedStatus.Gap);
        Assert.That((gap.FirstId, gap.LastId), Is.EqualTo((skipped[0].GetProperty("first_id").GetInt64(), skipped[2].GetProperty("last_id").GetInt64())));
        Assert.That(gap.InstrumentId, Is.EqualTo(rig.IdOf("BTCUSDT")));
        Assert.That(rig.Session.Counters[FeedCounter.Gaps], Is.EqualTo(1));
        await EndInSyncAsync(rig);
        Observed("depth ids skipped (3 diffs)", $"gap event {gap.FirstId}..{gap.LastId} = the venue's skipped range; gaps 1; resynced; book equal to the venue's");
    }

    [Test]
    public async Task Skipped_trade_ids_are_reported_as_exactly_that_gap()
    {
        await using FeedRig rig = await StartSyncedAsync();
        JsonElement fault = await InjectAndWaitAsync(rig, """{"kind":"gap","tag":"a","stream":"trade","symbol":"BTCUSDT","count":2}""");
        JsonElement[] skipped = fault.GetProperty("skipped").EnumerateArray().ToArray();

        List<MarketEvent> events = rig.Collector.WaitFor(e => e.Any(x => x.Status == FeedStatus.Gap), Timeout, "the trade gap");
        MarketEvent gap = events.Single(x => x.Status == FeedStatus.Gap);
        Assert.That((gap.FirstId, gap.LastId, gap.StatusDetail),
            Is.EqualTo((skipped[0].GetProperty("first_id").GetInt64(), skipped[1].GetProperty("last_id").GetInt64(), 2L)));
        Assert.That(events.Where(x => x.Kind == MarketEventKind.Trade).Select(x => x.TradeId), Is.Ordered.Ascending.And.Unique);
        Observed("trade ids skipped (2)", $"gap event {gap.FirstId}..{gap.LastId}, {gap.StatusDetail} missing = the venue's; trades ascending, unique");
    }

    [Test]
    public async Task Duplicated_messages_are_suppressed_exactly()
    {
        await using FeedRig rig = await StartSyncedAsync();
        long before = rig.Session.Counters[FeedCounter.Duplicates];
        JsonElement fault = await InjectAndWaitAsync(rig, """{"kind":"duplicate","tag":"a","count":25}""");
        int duplicated = fault.GetProperty("duplicated").GetArrayLength();
        // The venue re-sends what is still intact in its log and records exactly what it re-sent.
        Assert.That(duplicated, Is.GreaterThan(0), fault.ToString());

        rig.Collector.WaitFor(_ => rig.Session.Counters[FeedCounter.Duplicates] - before >= duplicated, Timeout, "duplicates counted");
        await EndInSyncAsync(rig);
        Assert.That(rig.Session.Counters[FeedCounter.Duplicates] - before, Is.EqualTo(duplicated));
        Assert.That(rig.Session.Counters[FeedCounter.Gaps], Is.Zero);
        List<MarketEvent> events = rig.Collector.Events;
        Assert.That(events.Where(x => x.Kind == MarketEventKind.Trade).Select(x => x.TradeId), Is.Unique);
        Assert.That(events.Where(x => x.Kind == MarketEventKind.DepthDiff && x.Part == 0).Select(x => x.LastId), Is.Unique);
        Observed("duplicate burst (25 asked)", $"venue re-sent {duplicated}; suppressed {rig.Session.Counters[FeedCounter.Duplicates] - before}; gaps 0; book equal");
    }

    [TestCase("drop", DisconnectReason.Failed)]
    [TestCase("close", DisconnectReason.ClosedByServer)]
    public async Task A_lost_connection_reconnects_within_the_backoff_bound_and_resyncs(string kind, DisconnectReason reason)
    {
        await using FeedRig rig = await StartSyncedAsync();
        await InjectAndWaitAsync(rig, $$"""{"kind":"{{kind}}","tag":"a","code":1001}""");

        List<MarketEvent> events = rig.Collector.WaitFor(e => e.Count(x => x.Status == FeedStatus.Connected) >= 2, Timeout, "the reconnect");
        MarketEvent down = events.First(x => x.Status == FeedStatus.Reconnecting);
        MarketEvent up = events.Last(x => x.Status == FeedStatus.Connected);
        Assert.That(down.FirstId, Is.EqualTo((long)reason));
        Assert.That(down.StatusDetail, Is.InRange(40, 60), "first retry: initialMs 50 ± 20% jitter");
        double waitedMs = MonoClock.ElapsedNanoseconds(down.ReceiveTimestamp, up.ReceiveTimestamp) / 1e6;
        // The attempt starts when the backoff is over; the rest is TCP + HTTP upgrade on loopback (2-3 ms here),
        // with room for a loaded 2-core box.
        Assert.That(waitedMs, Is.GreaterThanOrEqualTo(down.StatusDetail - 1).And.LessThan(down.StatusDetail + 1000), "reconnected after its backoff, promptly");
        Assert.That(up.StatusDetail, Is.EqualTo(1), "the first attempt after the drop succeeded");
        Assert.That(up.ConnectionId, Is.Not.EqualTo(down.ConnectionId));
        await EndInSyncAsync(rig);
        Observed($"connection {kind}", $"reconnecting ({reason}), backoff {down.StatusDetail} ms, connected again after {waitedMs:F0} ms on attempt {up.StatusDetail}; resynced; book equal");
    }

    [Test]
    public async Task A_stalled_connection_that_still_pings_goes_stale_and_is_replaced()
    {
        // Stale after 1.5 s against pings every 100 ms: the venue answers pings all through the stall even when a
        // loaded box delays its sender by several intervals.
        await using FeedRig rig = await StartSyncedAsync(staleAfterMs: 1500, venue: o => o.PingInterval = TimeSpan.FromMilliseconds(100));
        long pingsBefore = PingsSent(await rig.Venue.Control.StatsAsync(), connection: null);
        await rig.FaultAsync("""{"kind":"stall","tag":"a","pings":true}""");

        List<MarketEvent> events = rig.Collector.WaitFor(e => e.Count(x => x.Status == FeedStatus.Connected) >= 2, Timeout, "stale and reconnect");
        MarketEvent stale = events.Single(x => x.Status == FeedStatus.Stale);
        Assert.That(stale.StatusDetail, Is.InRange(1500, 3000));
        Assert.That(events.First(x => x.Status == FeedStatus.Reconnecting).FirstId, Is.EqualTo((long)DisconnectReason.Stale));
        JsonElement stats = await rig.Venue.Control.StatsAsync();
        long pingsAfter = PingsSent(stats, stats.GetProperty("faults")[0].GetProperty("connection").GetInt32());
        Assert.That(pingsAfter - pingsBefore, Is.GreaterThanOrEqualTo(2), "pings kept coming while no market data did");
        await EndInSyncAsync(rig);
        Observed("stall, pings continuing", $"stale after {stale.StatusDetail} ms (staleAfterMs 1500) while {pingsAfter - pingsBefore} pings arrived; replaced; book equal");
    }

    /// <summary>The venue's count of pings sent on one market-data connection (null: the only one).</summary>
    private static long PingsSent(JsonElement stats, int? connection)
    {
        JsonElement[] market = stats.GetProperty("connections").EnumerateArray()
            .Where(c => connection is null ? c.TryGetProperty("pings_sent", out _) : c.GetProperty("id").GetInt32() == connection).ToArray();
        Assert.That(market, Has.Length.EqualTo(1), stats.ToString());
        return market[0].GetProperty("pings_sent").GetInt64();
    }

    [Test]
    public async Task Garbage_text_and_binary_frames_are_counted_as_malformed_and_the_connection_stays()
    {
        await using FeedRig rig = await StartSyncedAsync();
        await InjectAndWaitAsync(rig, """{"kind":"garbage","tag":"a","variant":"json","count":5}""");
        await InjectAndWaitAsync(rig, """{"kind":"garbage","tag":"a","variant":"binary","count":2}""");

        rig.Collector.WaitFor(_ => rig.Session.Counters[FeedCounter.Malformed] >= 7, Timeout, "7 malformed messages");
        await EndInSyncAsync(rig);
        Assert.That(rig.Session.Counters[FeedCounter.Malformed], Is.EqualTo(7));
        Assert.That(rig.Session.Counters[FeedCounter.Disconnects], Is.Zero);
        Observed("garbage JSON ×5 + binary ×2", $"malformed {rig.Session.Counters[FeedCounter.Malformed]}; disconnects 0; book equal");
    }

    [TestCase("""{"kind":"garbage","tag":"a","variant":"utf8","count":1}""")]
    [TestCase("""{"kind":"oversize","tag":"a"}""")]
    public async Task A_protocol_violation_fails_the_connection_and_it_is_replaced(string json)
    {
        await using FeedRig rig = await StartSyncedAsync();
        await rig.FaultAsync(json);

        List<MarketEvent> events = rig.Collector.WaitFor(e => e.Count(x => x.Status == FeedStatus.Connected) >= 2, Timeout, "the reconnect");
        Assert.That(events.First(x => x.Status == FeedStatus.Reconnecting).FirstId, Is.EqualTo((long)DisconnectReason.Failed));
        await EndInSyncAsync(rig);
        Observed(json.Contains("oversize") ? "oversize frame" : "invalid UTF-8 text", "connection failed (protocol), reconnected, resynced; book equal");
    }

    [Test]
    public async Task Slow_sending_delays_data_but_loses_nothing()
    {
        await using FeedRig rig = await StartSyncedAsync();
        await InjectAndWaitAsync(rig, """{"kind":"slow","tag":"a","chunk_bytes":512,"interval_ms":1,"duration_ms":400}""");
        await EndInSyncAsync(rig);
        Assert.That(rig.Session.Counters[FeedCounter.Gaps], Is.Zero);
        Assert.That(rig.Session.Counters[FeedCounter.Disconnects], Is.Zero);
        Observed("slow sending (512 B/ms for 400 ms)", "gaps 0; disconnects 0; book equal");
    }
}

[NonParallelizable]
public class FeedReconnectOverlapTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Test]
    public async Task The_backlog_a_reconnect_replays_is_suppressed_exactly_and_closes_the_hole()
    {
        // Every new connection first gets the 2000 messages before it opened, as a venue that replays its
        // buffer after a reconnect: what we saw before the drop comes twice, what we missed fills the hole.
        await using FeedRig rig = await FeedRig.StartVenueAsync(configure: o => o.Faults.Add(Venue.Faults.FaultSpec.ParseFlag("kind=duplicate,count=2000,after_ms=0")));
        var line = rig.Line("a", ["btcusdt@trade", "btcusdt@bookTicker", "btcusdt@depth@100ms"]) with { };
        line.Url = rig.Venue.WebSocketUri("/stream?streams=btcusdt@trade/btcusdt@bookTicker/btcusdt@depth@100ms&tag=a").ToString();
        rig.Start([line]);
        List<MarketEvent> before = rig.Collector.WaitFor(e => e.Any(x => x.Status == FeedStatus.Resynced) && e.Count(x => x.Kind == MarketEventKind.Trade) > 100, Timeout, "synced");

        long duplicatesBefore = rig.Session.Counters[FeedCounter.Duplicates];
        await rig.FaultAsync("""{"kind":"drop","tag":"a"}""");
        List<MarketEvent> events = rig.Collector.WaitFor(e => e.Count(x => x.Status == FeedStatus.Connected) >= 2, Timeout, "the reconnect");
        ushort first = events.First(x => x.Status == FeedStatus.Connected).ConnectionId;
        long lastTrade = events.Where(x => x.ConnectionId == first && x.Kind == MarketEventKind.Trade).Max(x => x.TradeId);
        long lastTicker = events.Where(x => x.ConnectionId == first && x.Kind == MarketEventKind.BestBidOffer).Max(x => x.LastId);
        long lastDepth = events.Where(x => x.ConnectionId == first && x.Kind == MarketEventKind.DepthDiff).Max(x => x.LastId);

        JsonElement stats = await rig.Venue.Control.StatsAsync();
        JsonElement overlap = stats.GetProperty("faults").EnumerateArray().Last(f => f.GetProperty("kind").GetString() == "duplicate");
        rig.Collector.WaitFor(_ => rig.Session.Counters[FeedCounter.Messages] > 3000, Timeout, "the overlap delivered");
        long expected = overlap.GetProperty("duplicated").EnumerateArray().Count(d =>
        {
            string stream = d.GetProperty("stream").GetString()!;
            long id = d.GetProperty("last_id").GetInt64();
            return stream.Contains("@trade") ? id <= lastTrade : stream.Contains("@bookTicker") ? id <= lastTicker : id <= lastDepth;
        });
        await rig.PauseAndDrainAsync("BTCUSDT", Timeout);
        await rig.AssertBookEqualsVenueAsync("BTCUSDT");

        Assert.That(expected, Is.GreaterThan(100), overlap.ToString());
        Assert.That(rig.Session.Counters[FeedCounter.Duplicates] - duplicatesBefore, Is.EqualTo(expected));
        Assert.That(rig.Session.Counters[FeedCounter.Gaps], Is.Zero, "the replayed backlog closed the hole");
        long[] trades = rig.Collector.Events.Where(x => x.Kind == MarketEventKind.Trade).Select(x => x.TradeId).ToArray();
        Assert.That(trades, Is.Ordered.Ascending.And.Unique);
        Assert.That(trades[^1] - trades[0] + 1, Is.EqualTo(trades.Length));
        Assert.That(before, Is.Not.Empty);
        TestContext.Out.WriteLine($"fault matrix | reconnect replaying a 2000-message backlog | {expected} already seen suppressed exactly; gaps 0; {trades.Length} trades contiguous; book equal");
    }
}
