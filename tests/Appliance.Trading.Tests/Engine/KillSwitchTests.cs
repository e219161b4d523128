using Appliance.MarketData.Events;
using Appliance.Trading.Control;
using Appliance.Trading.Engine.Snapshots;
using Appliance.Trading.Risk;
using Appliance.Trading.Tests.TestSupport;

namespace Appliance.Trading.Tests.Engine;

/// <summary>halt, flatten, resume from another thread, applied on the strategy thread; snapshots for positions, orders, risk.</summary>
public class KillSwitchTests
{
    private static EngineFixture Positioned(ScriptedStrategy strategy)
    {
        var f = new EngineFixture(strategyOverride: strategy, strategy: s => s with { Instruments = ["BTC-USDT", "ETH-USDT"] });
        f.Book(9_999, 10_001);
        f.Trade(10_000);
        f.Book(9_995, 10_005, id: 1);
        f.Trade(10_000, id: 1);
        strategy.Next.Enqueue(i =>
        {
            i.TargetPosition(0, 1_000);
            i.TargetPosition(1, -500);
            i.Order(0, Side.Buy, 100, 9_900); // rests below the market
        });
        f.Trade(10_000);
        f.Book(9_999, 10_001);
        f.Book(9_995, 10_005, id: 1);
        Assert.That(f.Btc.Position.Quantity, Is.EqualTo(1_000));
        Assert.That(f.Engine.Instruments[1].Position.Quantity, Is.EqualTo(-500));
        Assert.That(f.Btc.WorkingBuy, Is.EqualTo(100));
        return f;
    }

    [Test]
    public void Halt_cancels_working_orders_keeps_positions_and_refuses_entries()
    {
        var strategy = new ScriptedStrategy();
        using EngineFixture f = Positioned(strategy);
        long ticket = 0;
        var poster = new Thread(() => ticket = f.Engine.Control.Post(ControlCommandKind.Halt, "operator says so"));
        poster.Start();
        poster.Join();
        f.Engine.Poll();
        Assert.That(f.Engine.Control.WaitApplied(ticket, TimeSpan.FromSeconds(1)), Is.True);
        Assert.That(f.Engine.Risk.State, Is.EqualTo(TradingState.Halted));
        f.Book(9_999, 10_001); // the cancel reaches the paper venue
        Assert.That(f.Btc.WorkingBuy, Is.Zero);
        Assert.That(f.Btc.Position.Quantity, Is.EqualTo(1_000), "halt keeps positions");
        strategy.Next.Enqueue(i => i.TargetPosition(0, 2_000));
        f.Trade(10_000);
        Assert.That(f.Engine.Risk.Refused(RiskReason.Halted), Is.EqualTo(1));

        f.Engine.Poll(); // the idle poll publishes what changed
        TradingSnapshot snap = f.Engine.ReadSnapshot()!;
        Assert.That(snap.Risk.State, Is.EqualTo("HALTED"));
        Assert.That(snap.Risk.HaltReason, Is.EqualTo("operator says so"));
        Assert.That(snap.Risk.Refusals["Halted"], Is.EqualTo(1));
    }

    [Test]
    public void Flatten_closes_every_position_with_protection_then_resume_trades_again()
    {
        var strategy = new ScriptedStrategy();
        using EngineFixture f = Positioned(strategy);
        long ticket = f.Engine.Control.Post(ControlCommandKind.Flatten, "end of test");
        f.Engine.Poll();
        Assert.That(f.Engine.Control.Applied, Is.EqualTo(ticket));
        Assert.That(f.Engine.Risk.State, Is.EqualTo(TradingState.Halted));
        f.Book(9_999, 10_001);
        f.Book(9_995, 10_005, id: 1);
        Assert.That(f.Btc.Position.IsFlat, Is.True);
        Assert.That(f.Engine.Instruments[1].Position.IsFlat, Is.True);
        Assert.That(f.Btc.WorkingBuy + f.Btc.WorkingSell, Is.Zero);

        f.Engine.Control.Post(ControlCommandKind.Resume);
        f.Engine.Poll();
        Assert.That(f.Engine.Risk.State, Is.EqualTo(TradingState.Active));
        strategy.Next.Enqueue(i => i.TargetPosition(0, 1_000));
        f.Trade(10_000);
        f.Book(9_999, 10_001);
        Assert.That(f.Btc.Position.Quantity, Is.EqualTo(1_000));
    }

    [Test]
    public void Snapshot_lists_positions_and_orders()
    {
        var strategy = new ScriptedStrategy();
        using EngineFixture f = Positioned(strategy);
        f.Engine.Poll();
        TradingSnapshot snap = f.Engine.ReadSnapshot()!;
        PositionRow btc = snap.Positions.Single(p => p.Symbol == "BTC-USDT");
        Assert.That(btc.Quantity, Is.EqualTo(1.000m));
        Assert.That(btc.Bid, Is.EqualTo(99.99m));
        Assert.That(snap.Positions.Single(p => p.Symbol == "ETH-USDT").Quantity, Is.EqualTo(-0.500m));
        OrderRow order = snap.Orders.Single();
        Assert.That((order.Symbol, order.Side, order.Price, order.Quantity, order.State), Is.EqualTo(("BTC-USDT", "buy", 99.00m, 0.100m, "Acked")));
        Assert.That(order.ClientOrderId, Is.EqualTo(1_000_000 + order.LocalId));
        Assert.That(snap.Risk.OpenOrders, Is.EqualTo(1));
        Assert.That(snap.Risk.Gateway, Is.EqualTo("paper"));
    }

    [Test]
    public void Reduce_lets_only_reducing_orders_through()
    {
        var strategy = new ScriptedStrategy();
        using EngineFixture f = Positioned(strategy);
        f.Engine.Control.Post(ControlCommandKind.Reduce, "winding down");
        f.Engine.Poll();
        strategy.Next.Enqueue(i => { i.TargetPosition(0, 2_000); i.TargetPosition(1, 0); });
        f.Trade(10_000);
        f.Book(9_995, 10_005, id: 1);
        Assert.That(f.Engine.Risk.Refused(RiskReason.ReducingOnly), Is.EqualTo(1));
        Assert.That(f.Engine.Instruments[1].Position.IsFlat, Is.True);
    }

    [Test]
    public void Host_commands_on_the_strategy_thread_answer_what_they_did()
    {
        var strategy = new ScriptedStrategy();
        using EngineFixture f = Positioned(strategy);
        f.Engine.Poll();
        Assert.That(f.Engine.IsFlat, Is.False);

        Assert.That(f.Engine.Execute(ControlCommandKind.StopEntries), Is.EqualTo("REDUCING: only orders that reduce a position"));
        Assert.That(f.Engine.Execute(ControlCommandKind.CancelAll), Does.StartWith("cancelling 1 working orders"));
        f.Book(9_999, 10_001);
        Assert.That(f.Btc.WorkingBuy, Is.Zero);
        Assert.That(f.Engine.Execute(ControlCommandKind.Resume), Is.EqualTo("ACTIVE (was REDUCING)"));
        Assert.That(f.Engine.Execute(ControlCommandKind.Flatten, "session over"), Is.EqualTo("HALTED; cancelling 0 working orders; closing 2 positions"));
        f.Book(9_999, 10_001);
        f.Book(9_995, 10_005, id: 1);
        f.Engine.Poll();
        Assert.That(f.Engine.IsFlat, Is.True);
        IReadOnlyList<KeyValuePair<string, string>> described = f.Engine.Describe();
        Assert.That(described.First(kv => kv.Key == "state").Value, Is.EqualTo("HALTED"));
        Assert.That(described.First(kv => kv.Key == "halt_reason").Value, Is.EqualTo("session over"));
        Assert.That(described.First(kv => kv.Key == "positions").Value, Is.EqualTo("0"));
    }
}
