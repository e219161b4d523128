using Appliance.Admin.Answers;
using Appliance.Hosting.Config;
using Appliance.Hosting.Strategy;
using Appliance.Hosting.Tests.Support;
using Appliance.MarketData.Books;
using Appliance.MarketData.Events;
using Appliance.Primitives.Rings;
using Appliance.Trading.Config;
using Appliance.Trading.Engine;
using Appliance.Trading.Engine.Snapshots;

namespace Appliance.Hosting.Tests.Strategy;

/// <summary>The trading engine in the strategy loop's seat: events, idle polls and control requests through the real loop and thread.</summary>
public class TradingStageTests
{
    private sealed class Rig : IDisposable
    {
        public readonly SpscRing<MarketEvent> Ring = new(4096, "test → strategy");
        public readonly LatencyTracker Tracker = new();
        public readonly TestMarket Market = new(seed: 11);
        public readonly TradingStage Stage;
        public readonly StrategyLoop Loop;
        private readonly Thread _thread;
        private long _published;

        public Rig()
        {
            var instruments = TestMarket.Instruments();
            var books = new BookSet(instruments, [50]);
            var engine = new TradingEngine(new TradingEngineOptions
            {
                Instruments = instruments,
                Books = [books[0]],
                Trading = new TradingConfig { OrderPoolSize = 64, DecisionLog = new DecisionLogConfig { LogLines = false } },
                Risk = TestMarket.LooseRisk,
                Strategy = TestMarket.QuickStrategy,
                ClientOrderIdBase = 1_000_000,
                BackgroundDecisionLog = true,
            });
            Stage = new TradingStage(engine);
            Loop = new StrategyLoop([Ring], books, Stage, new StageLatencies(Tracker), SpinMode.Yield);
            _thread = new Thread(Loop.Run) { IsBackground = true, Name = "strategy-test" };
            _thread.Start();
        }

        public TradingEngine Engine => Stage.Engine;

        public void Publish(int count)
        {
            var wait = new SpinThenYieldWait();
            for (int i = 0; i < count; i++)
            {
                long seq = Ring.Claim(ref wait);
                Market.Next(ref Ring[seq]);
                Ring.Publish(seq);
            }
            _published += count;
            WaitUntil(() => Loop.StateOf(0).Events >= _published, $"{_published} events consumed");
        }

        /// <summary>Publishes events until the snapshot says so.</summary>
        public TradingSnapshot PublishUntil(Func<TradingSnapshot, bool> condition, string what, int limit = 200_000)
        {
            for (int n = 0; n < limit; n += 200)
            {
                Publish(200);
                if (Stage.Snapshot() is { } s && condition(s)) return s;
            }
            Assert.Fail($"not within {limit} events: {what}");
            return null!;
        }

        public void Dispose()
        {
            Loop.RequestStop();
            Assert.That(_thread.Join(TimeSpan.FromSeconds(10)), Is.True);
            Stage.Dispose();
            Tracker.Dispose();
        }
    }

    private static void WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for {what}");
            Thread.Yield();
        }
    }

    private static long Position(TradingSnapshot s) => (long)(s.Positions[0].Quantity * 100_000);

    [Test]
    public void The_reference_strategy_trades_through_the_loop_and_allocates_nothing_per_event()
    {
        using var rig = new Rig();
        rig.Publish(20_000); // warm-up: indicators, JIT, first orders, the decision log's thread
        // AllocatedBytes is sampled when the loop goes idle after work: wait for the sample taken after each burst.
        long Sampled()
        {
            long events = rig.Loop.StateOf(0).Events;
            WaitUntil(() => rig.Loop.AllocationSampledAfter >= events, "an allocation sample after the burst");
            return rig.Loop.AllocatedBytes;
        }
        long warm = Sampled();
        long fillsBefore = rig.Engine.Orders.Fills;
        rig.Publish(60_000);
        long after = Sampled();
        TestContext.Out.WriteLine($"fills {rig.Engine.Orders.Fills - fillsBefore}, decisions {rig.Engine.Decisions.Count}, allocated {after - warm} B");
        Assert.That(rig.Engine.Orders.Fills - fillsBefore, Is.GreaterThan(0), "the measured window must include trading");
        Assert.That(after - warm, Is.Zero, "bytes allocated by the strategy thread for 60 000 events with the trading engine");
        Assert.That(rig.Stage.Describe().Single(kv => kv.Key == "strategy").Value, Is.EqualTo("ema-crossover"));
    }

    [Test]
    public void Halt_and_resume_are_the_engines_kill_switch_and_show_in_its_snapshot()
    {
        using var rig = new Rig();
        rig.Publish(1_000);
        string halted = rig.Loop.Control.Send(StrategyCommand.Halt, "maintenance", TimeSpan.FromSeconds(5));
        Assert.That(halted, Does.StartWith("HALTED: maintenance"));
        Assert.That(rig.Stage.IsHalted, Is.True, "the snapshot is published when the command is applied");
        TradingSnapshot s = rig.Stage.Snapshot()!;
        Assert.That(s.Risk.State, Is.EqualTo("HALTED"));
        Assert.That(s.Risk.HaltReason, Is.EqualTo("maintenance"));
        Assert.That(rig.Stage.Describe().Single(kv => kv.Key == "state").Value, Is.EqualTo("halted"));

        Assert.That(rig.Loop.Control.Send(StrategyCommand.Resume, null, TimeSpan.FromSeconds(5)), Is.EqualTo("ACTIVE (was HALTED)"));
        Assert.That(rig.Stage.Snapshot()!.Risk.State, Is.EqualTo("ACTIVE"));
        Assert.That(rig.Loop.Control.Send(StrategyCommand.Resume, null, TimeSpan.FromSeconds(5)), Is.EqualTo("was ACTIVE"));

        Assert.That(rig.Loop.Control.Send(StrategyCommand.StopEntries, "stop", TimeSpan.FromSeconds(5)), Is.EqualTo("REDUCING: only orders that reduce a position"));
        Assert.That(rig.Stage.Snapshot()!.Risk.State, Is.EqualTo("REDUCING"));
        Assert.That(rig.Stage.IsHalted, Is.False, "REDUCING still lets exits and reducing orders through");
    }

    [Test]
    public void Flatten_closes_the_position_on_later_events_and_then_the_stage_is_flat()
    {
        using var rig = new Rig();
        rig.PublishUntil(s => s.Positions[0].Quantity != 0, "a position");
        Assert.That(rig.Stage.IsFlat, Is.False);
        string answer = rig.Loop.Control.Send(StrategyCommand.Flatten, "end of test", TimeSpan.FromSeconds(5));
        Assert.That(answer, Does.StartWith("HALTED; cancelling").And.EndWith("closing 1 positions"));
        TradingSnapshot flat = rig.PublishUntil(TradingStageIsFlat, "flat after flatten", limit: 2_000);
        Assert.That(flat.Risk.State, Is.EqualTo("HALTED"));
        Assert.That(rig.Stage.IsFlat, Is.True);
        // Halted: the strategy's entries are refused from now on.
        long fills = rig.Engine.Orders.Fills;
        rig.Publish(5_000);
        Assert.That(Position(rig.Stage.Snapshot()!), Is.Zero);
        Assert.That(rig.Engine.Orders.Fills, Is.EqualTo(fills));
    }

    private static bool TradingStageIsFlat(TradingSnapshot s) => s.Orders.Count == 0 && s.Positions.All(p => p.Quantity == 0);

    [Test]
    public void The_decision_digest_at_the_end_covers_every_record_including_commands()
    {
        string Run(bool halt)
        {
            using var rig = new Rig();
            rig.Publish(3_000);
            if (halt) rig.Loop.Control.Send(StrategyCommand.Halt, null, TimeSpan.FromSeconds(5));
            rig.Publish(3_000);
            rig.Loop.RequestStop();
            WaitUntil(() => rig.Loop.Exited, "the loop to end");
            return rig.Stage.DecisionDigest(TimeSpan.FromSeconds(10))!;
        }
        string plain = Run(halt: false);
        Assert.That(plain, Does.Match("^[0-9a-f]{64}$"));
        Assert.That(Run(halt: false), Is.EqualTo(plain), "the same events on the same thread give the same log");
        Assert.That(Run(halt: true), Is.Not.EqualTo(plain), "an operator command is a decision");
    }
}
