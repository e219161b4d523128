using Appliance.MarketData.Config;
using Appliance.MarketData.Events;
using Appliance.MarketData.Feed;
using Appliance.MarketData.Tests.Support;

namespace Appliance.MarketData.Tests.Feed;

[NonParallelizable]
public class FeedSessionTests
{
    private static readonly string[] BtcStreams = ["btcusdt@trade", "btcusdt@bookTicker", "btcusdt@depth@100ms"];
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Test]
    public async Task Session_connects_subscribes_resyncs_and_its_book_equals_the_venues_at_full_depth()
    {
        await using FeedRig rig = await FeedRig.StartVenueAsync();
        rig.Start([rig.Line("a", BtcStreams)]);

        rig.Collector.WaitFor(e => e.Any(x => x.Status == FeedStatus.Resynced) && e.Count(x => x.Kind == MarketEventKind.Trade) > 20, Timeout, "resync and trades");
        await rig.PauseAndDrainAsync("BTCUSDT", Timeout);
        await rig.AssertBookEqualsVenueAsync("BTCUSDT");

        List<MarketEvent> events = rig.Collector.Events;
        Assert.That((events[0].Status, events[0].StatusDetail), Is.EqualTo((FeedStatus.Connected, 1L)));
        Assert.That(events[1].Status, Is.EqualTo(FeedStatus.Subscribed));
        Assert.That(rig.Session.Counters[FeedCounter.Gaps], Is.Zero);
        Assert.That(rig.Session.Counters[FeedCounter.Malformed], Is.Zero);
        Assert.That(rig.Collector.BookErrors, Is.Zero);
        FeedSessionSnapshot snap = rig.Session.Snapshot();
        Assert.That(snap.Lines[0].Connected, Is.True);
        Assert.That(snap.Published, Is.EqualTo(events.Count));
    }
}

[NonParallelizable]
public class FeedArbitrationTests
{
    private static readonly string[] BtcStreams = ["btcusdt@trade", "btcusdt@bookTicker", "btcusdt@depth@100ms"];
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Test]
    public async Task Two_lines_are_arbitrated_first_copy_wins_and_a_dropped_line_loses_nothing()
    {
        await using FeedRig rig = await FeedRig.StartVenueAsync();
        rig.Start([rig.Line("a", BtcStreams, line: "A"), rig.Line("b", BtcStreams, line: "B")]);
        rig.Collector.WaitFor(e => e.Any(x => x.Status == FeedStatus.Resynced) && e.Count(x => x.Kind == MarketEventKind.Trade) > 50, Timeout, "both lines streaming");

        await rig.FaultAsync("""{"kind":"drop","tag":"a"}""");
        rig.Collector.WaitFor(e => e.Count(x => x.Status == FeedStatus.Connected) >= 3, Timeout, "line A back");
        long trades = rig.Collector.Events.Count(x => x.Kind == MarketEventKind.Trade);
        rig.Collector.WaitFor(e => e.Count(x => x.Kind == MarketEventKind.Trade) > trades + 50, Timeout, "more trades on both lines");
        await rig.PauseAndDrainAsync("BTCUSDT", Timeout);
        await rig.AssertBookEqualsVenueAsync("BTCUSDT");

        List<MarketEvent> events = rig.Collector.Events;
        FeedCounters c = rig.Session.Counters;
        long[] tradeIds = events.Where(x => x.Kind == MarketEventKind.Trade).Select(x => x.TradeId).ToArray();
        Assert.That(tradeIds, Is.Ordered.Ascending.And.Unique);
        string holes = string.Join(", ", tradeIds.Zip(tradeIds.Skip(1)).Where(p => p.Second != p.First + 1).Select(p => $"{p.First + 1}..{p.Second - 1}"));
        Assert.That(tradeIds[^1] - tradeIds[0] + 1, Is.EqualTo(tradeIds.Length),
            $"line B carried the trades while line A was down: no hole; holes {holes}; statuses {string.Join(", ", events.Where(x => x.Kind == MarketEventKind.Status).Select(x => $"{x.Status}@{x.ConnectionId}"))}; gaps {c[FeedCounter.Gaps]}, ring drops {c[FeedCounter.RingDrops]}");
        Assert.That(c[FeedCounter.Gaps], Is.Zero, string.Join("; ", events.Select((x, i) => (x, i)).Where(p => p.x.Status == FeedStatus.Gap)
            .Select(p => $"gap #{p.i} instrument {p.x.InstrumentId} ids {p.x.FirstId}..{p.x.LastId} detail {p.x.StatusDetail} conn {p.x.ConnectionId}; before: "
                + string.Join(", ", events.Skip(Math.Max(0, p.i - 6)).Take(6).Select(e => $"{e.Kind}/{e.Status} {e.FirstId}..{e.LastId} t{e.TradeId} c{e.ConnectionId}")))));
        Assert.That(c.Line(0, FeedLineCounter.Wins) + c.Line(1, FeedLineCounter.Wins), Is.GreaterThanOrEqualTo(c[FeedCounter.Forwarded]));
        Assert.That(c[FeedCounter.Losses], Is.GreaterThan(100), "the second copy of nearly every message");
        Assert.That(c.Line(0, FeedLineCounter.Wins), Is.GreaterThan(0));
        Assert.That(c.Line(1, FeedLineCounter.Wins), Is.GreaterThan(0));
        Assert.That(c.Line(0, FeedLineCounter.LeadCount) + c.Line(1, FeedLineCounter.LeadCount), Is.EqualTo(c[FeedCounter.Losses]));
        Assert.That(events.Count(x => x.Status == FeedStatus.Reconnecting), Is.EqualTo(1));
        FeedSessionSnapshot snap = rig.Session.Snapshot();
        Assert.That(snap.Lines.Select(l => l.Line), Is.EqualTo(new[] { "A", "B" }));
        Assert.That(snap.Lines.All(l => l.Connected && l.Wins > 0 && l.LastMarketMessageAgeMs >= 0), Is.True);
    }
}

[NonParallelizable]
public class FeedAllocationTests
{
    [Test]
    public async Task The_feed_thread_allocates_nothing_per_message_after_warm_up()
    {
        await using FeedRig rig = await FeedRig.StartVenueAsync(rate: 3000);
        string journal = Path.Combine(Path.GetTempPath(), $"feed-alloc-{Guid.NewGuid():N}");
        try
        {
            rig.Start([rig.Line("a", ["btcusdt@trade", "btcusdt@bookTicker", "btcusdt@depth@100ms", "ethusdt@trade", "ethusdt@aggTrade", "ethusdt@depth"])],
                journalDirectory: journal);
            FeedCounters c = rig.Session.Counters;
            rig.Collector.WaitFor(_ => c[FeedCounter.Messages] > 3000 && c[FeedCounter.Resyncs] >= 2, TimeSpan.FromSeconds(20), "warm-up");

            long rounds = c[FeedCounter.LoopRounds];
            rig.Collector.WaitFor(_ => c[FeedCounter.LoopRounds] > rounds, TimeSpan.FromSeconds(5), "a fresh sample");
            long before = c[FeedCounter.FeedThreadAllocatedBytes];
            long messagesBefore = c[FeedCounter.Messages];
            rig.Collector.WaitFor(_ => c[FeedCounter.Messages] > messagesBefore + 10_000, TimeSpan.FromSeconds(30), "10 000 more messages");
            rounds = c[FeedCounter.LoopRounds];
            rig.Collector.WaitFor(_ => c[FeedCounter.LoopRounds] > rounds, TimeSpan.FromSeconds(5), "a fresh sample");
            long after = c[FeedCounter.FeedThreadAllocatedBytes];

            Assert.That(after - before, Is.Zero, $"{after - before} bytes over {c[FeedCounter.Messages] - messagesBefore} messages");
            Assert.That(c[FeedCounter.Malformed] + c[FeedCounter.Gaps] + c[FeedCounter.RingDrops] + c[FeedCounter.JournalDrops], Is.Zero);
        }
        finally
        {
            await rig.DisposeAsync();
            Directory.Delete(journal, recursive: true);
        }
    }
}

[NonParallelizable]
public class FeedRequestTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Test]
    public async Task Another_thread_can_ask_for_a_reconnect_and_for_a_book_resync()
    {
        await using FeedRig rig = await FeedRig.StartVenueAsync();
        rig.Start([rig.Line("a", ["btcusdt@trade", "btcusdt@depth@100ms"])]);
        rig.Collector.WaitFor(e => e.Any(x => x.Status == FeedStatus.Resynced), Timeout, "first resync");

        Assert.That(rig.Session.RequestReconnect("nope"), Is.False);
        Assert.That(rig.Session.RequestReconnect("A"), Is.True);
        List<MarketEvent> events = rig.Collector.WaitFor(e => e.Count(x => x.Status == FeedStatus.Connected) >= 2, Timeout, "the requested reconnect");
        Assert.That(events.Single(x => x.Status == FeedStatus.Reconnecting).FirstId, Is.EqualTo((long)DisconnectReason.Requested));
        Assert.That(rig.Session.Counters[FeedCounter.ReconnectRequests], Is.EqualTo(1));

        int resyncs = events.Count(x => x.Status == FeedStatus.Resynced);
        rig.Collector.WaitFor(e => e.Count(x => x.Status == FeedStatus.Resynced) > resyncs || e.Count(x => x.Kind == MarketEventKind.DepthDiff) > 5, Timeout, "diffs after the reconnect");
        resyncs = rig.Collector.Events.Count(x => x.Status == FeedStatus.Resynced);
        rig.Session.RequestResync(rig.IdOf("BTCUSDT"));
        rig.Collector.WaitFor(e => e.Count(x => x.Status == FeedStatus.Resynced) > resyncs, Timeout, "the requested resync");
        Assert.That(rig.Session.Counters[FeedCounter.ResyncRequests], Is.EqualTo(1));
        await rig.PauseAndDrainAsync("BTCUSDT", Timeout);
        await rig.AssertBookEqualsVenueAsync("BTCUSDT");
    }
}

[NonParallelizable]
public class FeedBackoffTests
{
    [Test]
    public async Task Failed_connects_back_off_exponentially_with_jitter_up_to_the_cap()
    {
        await using FeedRig rig = await FeedRig.StartVenueAsync();
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        int closedPort = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        FeedConfig line = rig.Line("x", ["btcusdt@trade"], initialBackoffMs: 20, maxBackoffMs: 160);
        line.Url = $"ws://127.0.0.1:{closedPort}/stream";
        rig.Start([line]);

        List<MarketEvent> events = rig.Collector.WaitFor(e => e.Count(x => x.Status == FeedStatus.Reconnecting) >= 7, TimeSpan.FromSeconds(20), "7 failed connects");
        long[] backoffs = events.Where(x => x.Status == FeedStatus.Reconnecting).Take(7).Select(x => x.StatusDetail).ToArray();
        long[] nominal = [20, 40, 80, 160, 160, 160, 160];
        for (int i = 0; i < nominal.Length; i++)
            Assert.That(backoffs[i], Is.InRange(nominal[i] * 0.8 - 1, nominal[i] * 1.2 + 1), $"attempt {i + 1}: {string.Join(", ", backoffs)}");
        Assert.That(events.Where(x => x.Status == FeedStatus.Reconnecting).Select(x => x.FirstId), Is.All.EqualTo((long)DisconnectReason.ConnectFailed));
        Assert.That(events.Any(x => x.Status == FeedStatus.Connected), Is.False);
        Assert.That(rig.Session.Counters[FeedCounter.ConnectFailures], Is.GreaterThanOrEqualTo(7));
        Assert.That(new ReconnectBackoff(20, 160, 0.2).UpperBoundMs, Is.EqualTo(192));
    }
}
