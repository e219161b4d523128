using Appliance.Trading.Config;
using Appliance.Trading.Decisions;
using Appliance.Trading.Exits;
using Appliance.Trading.Tests.TestSupport;

namespace Appliance.Trading.Tests.Engine;

/// <summary>Exits through the whole engine: the trigger, the protected IOC, the fill, flat again.</summary>
public class EngineExitTests
{
    private static EngineFixture LongAt100(ExitConfig exits, ScriptedStrategy strategy, SessionConfig? session = null)
    {
        var f = new EngineFixture(strategyOverride: strategy, strategy: s => s with { Exits = exits, Session = session });
        f.Book(9_999, 10_001);
        f.Trade(10_000);
        strategy.Next.Enqueue(i => i.TargetPosition(0, 1_000));
        f.Trade(10_000);
        f.Book(9_999, 10_001); // the IOC reaches the paper venue and fills at the ask
        Assert.That(f.Btc.Position.Quantity, Is.EqualTo(1_000), "entered");
        return f;
    }

    [Test]
    public void Take_profit_across_a_gap_closes_the_position()
    {
        var strategy = new ScriptedStrategy();
        using EngineFixture f = LongAt100(new ExitConfig { TakeProfitPct = 2m, StopLossPct = 0m, MaxHoldSeconds = 0, EmergencyMovePct = 0m }, strategy);
        double entry = f.Btc.Position.AveragePrice;
        f.Trade(10_150);
        Assert.That(f.Btc.WorkingExit, Is.Zero);
        // Straight over the target (102.0x) to 105.00, book following.
        f.Book(10_499, 10_501, afterMs: 1);
        f.Trade(10_500);
        Assert.That(f.Btc.WorkingExit, Is.EqualTo(1_000), $"exit sent (entry {entry})");
        f.Book(10_499, 10_501);
        Assert.That(f.Btc.Position.IsFlat, Is.True);
        Assert.That(f.Btc.Position.Realized, Is.GreaterThan(0));
    }

    [Test]
    public void Stop_loss_gap_then_an_unfilled_ioc_is_sent_again_until_flat()
    {
        var strategy = new ScriptedStrategy();
        using EngineFixture f = LongAt100(new ExitConfig { TakeProfitPct = 0m, StopLossPct = 1m, MaxHoldSeconds = 0, EmergencyMovePct = 0m, ProtectionPct = 0.1m }, strategy);
        f.Trade(9_500);           // through the 99.00 stop: exit at bid 99.99 − 0.1 % → 99.90
        Assert.That(f.Btc.WorkingExit, Is.EqualTo(1_000));
        f.Book(9_400, 9_402);     // the IOC arrives: the bid 94.00 is below its limit → expires
        Assert.That(f.Btc.Position.Quantity, Is.EqualTo(1_000));
        f.Book(9_400, 9_402);     // latched: a new IOC from the new bid
        f.Book(9_400, 9_402);
        Assert.That(f.Btc.Position.IsFlat, Is.True);
    }

    [Test]
    public void Max_duration_exit()
    {
        var strategy = new ScriptedStrategy();
        using EngineFixture f = LongAt100(new ExitConfig { TakeProfitPct = 0m, StopLossPct = 0m, MaxHoldSeconds = 30, EmergencyMovePct = 0m }, strategy);
        f.Trade(10_000, afterMs: 29_000);
        Assert.That(f.Btc.WorkingExit, Is.Zero);
        f.Trade(10_000, afterMs: 1_000);
        Assert.That(f.Btc.WorkingExit, Is.EqualTo(1_000));
        f.Book(9_999, 10_001);
        Assert.That(f.Btc.Position.IsFlat, Is.True);
    }

    [Test]
    public void Session_end_exit_and_no_entries_in_the_closing_minutes()
    {
        // The synthetic market starts at 2023-11-14 22:13:20 UTC; the session ends at 22:20, closing from 22:15.
        var strategy = new ScriptedStrategy();
        using EngineFixture f = LongAt100(new ExitConfig { TakeProfitPct = 0m, StopLossPct = 0m, MaxHoldSeconds = 0, EmergencyMovePct = 0m }, strategy,
            new SessionConfig { Start = "22:00", End = "22:20", ForcedExitMinutes = 5 });
        f.Trade(10_000, afterMs: 60_000); // 22:14:20
        Assert.That(f.Btc.WorkingExit, Is.Zero);
        f.Trade(10_000, afterMs: 41_000); // 22:15:01
        Assert.That(f.Btc.WorkingExit, Is.EqualTo(1_000));
        f.Book(9_999, 10_001);
        Assert.That(f.Btc.Position.IsFlat, Is.True);
        strategy.Next.Enqueue(i => i.TargetPosition(0, 1_000));
        f.Trade(10_000);
        Assert.That(f.Engine.Risk.Refused(Appliance.Trading.Risk.RiskReason.SessionClosed), Is.EqualTo(1));
        Assert.That(f.Btc.WorkingBuy, Is.Zero);
    }

    [Test]
    public void Exit_trigger_and_fills_are_recorded_in_the_journaled_decision_log()
    {
        DirectoryInfo dir = Directory.CreateTempSubdirectory("decisions");
        try
        {
            var strategy = new ScriptedStrategy();
            string? live;
            using (var f = new EngineFixture(strategyOverride: strategy, trading: t => t with { DecisionLog = t.DecisionLog with { Directory = dir.FullName } },
                       strategy: s => s with { Exits = new ExitConfig { TakeProfitPct = 0m, StopLossPct = 1m, MaxHoldSeconds = 0, EmergencyMovePct = 0m } }))
            {
                f.Book(9_999, 10_001);
                f.Trade(10_000);
                strategy.Next.Enqueue(i => i.TargetPosition(0, 1_000));
                f.Trade(10_000);
                f.Book(9_999, 10_001);
                f.Trade(9_900);
                f.Book(9_899, 9_901); // the first IOC was priced from the old bid: it expires, and goes again
                f.Book(9_899, 9_901);
                Assert.That(f.Btc.Position.IsFlat, Is.True);
                live = f.Engine.DecisionDigest(TimeSpan.FromSeconds(5));
            }
            List<DecisionRecord> records = DecisionLog.ReadJournal(dir.FullName);
            Assert.That(records.Select(r => r.Kind), Does.Contain(DecisionKind.ExitTriggered));
            DecisionRecord exit = records.First(r => r.Kind == DecisionKind.ExitTriggered);
            Assert.That(((ExitReason)exit.Reason, exit.Price, exit.Quantity), Is.EqualTo((ExitReason.StopLoss, 9_900L, 1_000L)));
            Assert.That(records.Count(r => r.Kind == DecisionKind.Fill), Is.EqualTo(2));
            Assert.That(records.Select(r => r.Sequence), Is.EqualTo(Enumerable.Range(1, records.Count).Select(i => (long)i)), "every record, in order");
            Assert.That(DecisionLog.DigestOfJournal(dir.FullName, out long n), Is.EqualTo(live));
            Assert.That(n, Is.EqualTo(records.Count));
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
