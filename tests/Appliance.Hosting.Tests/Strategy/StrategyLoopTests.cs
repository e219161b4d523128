using Appliance.Admin.Answers;
using Appliance.Hosting.Config;
using Appliance.Hosting.Strategy;
using Appliance.MarketData.Books;
using Appliance.MarketData.Events;
using Appliance.MarketData.Instruments;
using Appliance.Primitives.Histograms;
using Appliance.Primitives.Rings;
using Appliance.Primitives.Time;

namespace Appliance.Hosting.Tests.Strategy;

public class StrategyLoopTests
{
    private sealed class Rig : IDisposable
    {
        public readonly SpscRing<MarketEvent> Ring = new(1024, "test → strategy");
        public readonly LatencyTracker Tracker = new();
        public readonly PassThroughStage Stage = new();
        public readonly StrategyLoop Loop;
        public readonly List<int> ResyncRequests = new();
        private readonly Thread _thread;

        public Rig()
        {
            var instruments = new InstrumentTable([new Instrument("BTC-USDT", "BTCUSDT", 2, 5)]);
            var books = new BookSet(instruments, [100], id => { lock (ResyncRequests) ResyncRequests.Add(id); });
            Loop = new StrategyLoop([Ring], books, Stage, new StageLatencies(Tracker), SpinMode.Yield);
            _thread = new Thread(Loop.Run) { IsBackground = true, Name = "strategy-test" };
            _thread.Start();
        }

        public void Publish(Action<Span<MarketEvent>> fill, int count = 1)
        {
            var wait = new SpinThenYieldWait();
            long first = 0;
            for (int i = 0; i < count; i++)
            {
                long seq = Ring.Claim(ref wait);
                if (i == 0) first = seq;
                ref MarketEvent e = ref Ring[seq];
                e.ResetHeader();
                fill(new Span<MarketEvent>(ref e));
                Ring.Publish(seq);
            }
        }

        public void WaitConsumed(long events)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (Loop.StateOf(0).Events < events)
            {
                if (DateTime.UtcNow > deadline) Assert.Fail($"consumed {Loop.StateOf(0).Events} of {events}");
                Thread.Yield();
            }
        }

        public void Dispose()
        {
            Loop.RequestStop();
            Assert.That(_thread.Join(TimeSpan.FromSeconds(10)), Is.True);
            Tracker.Dispose();
        }
    }

    private static void Depth(ref MarketEvent e, MarketEventKind kind, long lastId, (long Px, long Qty)[] bids, (long Px, long Qty)[] asks)
    {
        long now = MonoClock.Now();
        e.Kind = kind;
        e.InstrumentId = 0;
        e.ReceiveTimestamp = now - 1000;
        e.DecodeTimestamp = now;
        e.LastId = lastId;
        e.BidCount = (byte)bids.Length;
        e.AskCount = (byte)asks.Length;
        for (int i = 0; i < bids.Length; i++) e.Levels[i] = new BookLevel(bids[i].Px, bids[i].Qty);
        for (int i = 0; i < asks.Length; i++) e.Levels[bids.Length + i] = new BookLevel(asks[i].Px, asks[i].Qty);
    }

    [Test]
    public void Snapshot_and_diffs_build_the_book_and_every_event_is_timed_in_three_stages()
    {
        using var rig = new Rig();
        rig.Publish(s => Depth(ref s[0], MarketEventKind.DepthSnapshot, 10, [(10000, 5), (9999, 3)], [(10001, 4), (10002, 1)]));
        rig.Publish(s => Depth(ref s[0], MarketEventKind.DepthDiff, 11, [(10000, 0)], [(10001, 7)]));
        rig.Publish(s => { s[0].Kind = MarketEventKind.Trade; s[0].Price = 10001; s[0].Quantity = 2; s[0].DecodeTimestamp = MonoClock.Now(); });
        rig.WaitConsumed(3);

        OrderBook book = rig.Loop.Books[0];
        var snapshot = new BookSnapshot(book.Depth);
        Assert.That(book.TryRead(snapshot), Is.True);
        Assert.That(snapshot.Bids.ToArray(), Is.EqualTo(new[] { new BookLevel(9999, 3) }));
        Assert.That(snapshot.Asks.ToArray(), Is.EqualTo(new[] { new BookLevel(10001, 7), new BookLevel(10002, 1) }));
        Assert.That(snapshot.LastUpdateId, Is.EqualTo(11));
        Assert.That(rig.Loop.Books.LastTradePrice(0), Is.EqualTo(10001));

        rig.Tracker.Collect();
        Assert.That(rig.Tracker.Stages, Is.EqualTo(new[] { StageLatencies.ReceiveToDecode, StageLatencies.DecodeToDequeue, StageLatencies.Stage }));
        var metrics = new Appliance.Admin.Metrics.MetricsRegistry();
        rig.Tracker.RegisterMetrics(metrics);
        string text = metrics.CollectText();
        Assert.That(text, Does.Contain("appliance_stage_latency_seconds_count{stage=\"stage\"} 3"));
        Assert.That(text, Does.Contain("appliance_stage_latency_seconds_count{stage=\"decode_to_dequeue\"} 3"));
        Assert.That(text, Does.Contain("appliance_stage_latency_seconds_count{stage=\"receive_to_decode\"} 2"), "the trade carried no receive stamp");
        Assert.That(rig.Loop.StateOf(0).MarketEvents, Is.EqualTo(3));
    }

    [Test]
    public void A_crossed_book_asks_the_feed_for_a_resync_once_until_it_is_resynced()
    {
        using var rig = new Rig();
        rig.Publish(s => Depth(ref s[0], MarketEventKind.DepthSnapshot, 10, [(10000, 5)], [(10001, 4)]));
        rig.Publish(s => Depth(ref s[0], MarketEventKind.DepthDiff, 11, [(10005, 1)], []));
        rig.Publish(s => Depth(ref s[0], MarketEventKind.DepthDiff, 12, [(10006, 1)], []));
        rig.WaitConsumed(3);
        lock (rig.ResyncRequests) Assert.That(rig.ResyncRequests, Is.EqualTo(new[] { 0 }));
        Assert.That(rig.Loop.Books.InvalidUpdates, Is.EqualTo(2));

        rig.Publish(s => { s[0].Kind = MarketEventKind.Status; s[0].Status = FeedStatus.Resynced; s[0].InstrumentId = 0; });
        rig.Publish(s => Depth(ref s[0], MarketEventKind.DepthDiff, 13, [(10007, 1)], []));
        rig.WaitConsumed(5);
        lock (rig.ResyncRequests) Assert.That(rig.ResyncRequests, Is.EqualTo(new[] { 0, 0 }));
    }

    [Test]
    public void Control_requests_run_on_the_strategy_thread_between_events()
    {
        using var rig = new Rig();
        Assert.That(rig.Loop.Control.Send(StrategyCommand.Halt, "test", TimeSpan.FromSeconds(5)), Is.EqualTo("halted: test"));
        Assert.That(rig.Stage.IsHalted, Is.True);
        Assert.That(rig.Loop.Control.Send(StrategyCommand.Resume, null, TimeSpan.FromSeconds(5)), Is.EqualTo("resumed"));
        Assert.That(rig.Stage.IsHalted, Is.False);
    }

    [Test]
    public void A_frozen_loop_times_control_out_and_stops_its_heartbeat_but_still_stops()
    {
        var rig = new Rig();
        rig.Loop.Freeze();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        long beat = rig.Loop.Heartbeat.Read();
        Assert.That(() => rig.Loop.Control.Send(StrategyCommand.Halt, null, TimeSpan.FromMilliseconds(300)), Throws.TypeOf<TimeoutException>());
        Assert.That(rig.Loop.Heartbeat.Read(), Is.EqualTo(beat).Within(1), "a frozen thread does not beat");
        rig.Dispose();
        Assert.That(rig.Loop.Exited, Is.True);
    }

    [Test]
    public void Steady_state_allocates_nothing_on_the_strategy_thread()
    {
        using var rig = new Rig();
        void Burst(int n) => rig.Publish(s => Depth(ref s[0], MarketEventKind.DepthDiff, 1, [(10000, 5)], [(10001, 4)]), n);
        Burst(20_000);
        rig.WaitConsumed(20_000);
        // AllocatedBytes is sampled when the loop goes idle after work: wait for the sample taken after the burst
        // (a stale sample would make any burst look free).
        long Sampled(long events)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (rig.Loop.AllocationSampledAfter < events)
            {
                if (DateTime.UtcNow > deadline) Assert.Fail($"no allocation sample after {events} events");
                Thread.Yield();
            }
            return rig.Loop.AllocatedBytes;
        }
        long warm = Sampled(20_000);
        Burst(100_000);
        rig.WaitConsumed(120_000);
        long after = Sampled(120_000);
        Assert.That(after - warm, Is.Zero, "bytes allocated by the strategy thread for 100 000 events");
    }
}
