using Appliance.MarketData.Events;
using Appliance.Trading.Config;
using Appliance.Trading.Orders;
using Appliance.Trading.Risk;
using Appliance.Trading.Sessions;
using Appliance.Trading.Tests.TestSupport;

namespace Appliance.Trading.Tests.Risk;

/// <summary>Daily loss, loss warning and consecutive losses: at, just below and just above; the states and what passes in each.</summary>
public class BreakerTests
{
    private static RiskFixture Losses(BreakerAction action = BreakerAction.Halt) => new(RiskFixture.Loose with
    {
        DailyLossLimit = 2_000m,
        ReduceAtLossFraction = 0.8m,
        OnDailyLoss = action,
    });

    [TestCase(8_000, TradingState.Halted)]      // long 100.000 from 100.00: loss 2 000.00, the limit
    [TestCase(8_001, TradingState.Reducing)]    // loss 1 999.00
    [TestCase(7_999, TradingState.Halted)]      // loss 2 001.00
    [TestCase(8_400, TradingState.Reducing)]    // loss 1 600.00: the warning fraction
    [TestCase(8_401, TradingState.Active)]      // loss 1 599.00
    public void Daily_loss_realized_plus_unrealized(long markPrice, TradingState expected)
    {
        RiskFixture f = Losses();
        f.Fill(Side.Buy, 100_000, 10_000);
        f.SetPrice(0, markPrice);
        Assert.That(f.Risk.State, Is.EqualTo(expected));
        Assert.That(f.Risk.DailyPnl, Is.EqualTo(-(10_000 - markPrice) * 100.0 / 100).Within(1e-9));
    }

    [Test]
    public void Realized_losses_count_toward_the_day()
    {
        RiskFixture f = Losses();
        f.Fill(Side.Buy, 100_000, 10_000);
        f.Fill(Side.Sell, 100_000, 8_500); // realized −1 500
        Assert.That(f.Risk.State, Is.EqualTo(TradingState.Active));
        f.Fill(Side.Buy, 10_000, 10_000);
        f.SetPrice(0, 5_000);             // unrealized −500: −2 000 in all
        Assert.That(f.Risk.State, Is.EqualTo(TradingState.Halted));
        Assert.That(f.Risk.Cause, Is.EqualTo(StateCause.DailyLoss));
        Assert.That(f.Risk.FlattenRequested, Is.False);
    }

    [Test]
    public void Daily_loss_configured_to_flatten_requests_it_and_a_new_day_releases_the_breaker()
    {
        RiskFixture f = Losses(BreakerAction.Flatten);
        f.Fill(Side.Buy, 100_000, 10_000);
        f.SetPrice(0, 7_000);
        Assert.That(f.Risk.State, Is.EqualTo(TradingState.Halted));
        Assert.That(f.Risk.FlattenRequested, Is.True);
        f.Risk.StartDay(f.Now);
        Assert.That(f.Risk.State, Is.EqualTo(TradingState.Active));
        Assert.That(f.Risk.DailyPnl, Is.EqualTo(0));
        Assert.That(f.Risk.PendingTransitions.ToArray().Select(t => (t.To, t.Cause)),
            Is.EqualTo(new[] { (TradingState.Halted, StateCause.DailyLoss), (TradingState.Active, StateCause.NewDay) }));
    }

    [Test]
    public void Operator_halt_survives_a_new_day()
    {
        RiskFixture f = Losses();
        f.Risk.Halt(StateCause.Operator, f.Now);
        f.Risk.StartDay(f.Now);
        Assert.That(f.Risk.State, Is.EqualTo(TradingState.Halted));
        f.Risk.Resume(f.Now);
        Assert.That(f.Risk.State, Is.EqualTo(TradingState.Active));
    }

    [TestCase(2, TradingState.Active)]
    [TestCase(3, TradingState.Halted)]
    [TestCase(4, TradingState.Halted)]
    public void Consecutive_losses_breaker(int losses, TradingState expected)
    {
        RiskFixture f = new(RiskFixture.Loose with { MaxConsecutiveLosses = 3 });
        f.Fill(Side.Sell, 10, 10_000); f.Fill(Side.Buy, 10, 9_990); // a winning short first: counts nothing
        for (int i = 0; i < losses; i++)
        {
            f.Fill(Side.Buy, 10, 10_000);
            f.Fill(Side.Sell, 10, 9_990);
        }
        Assert.That(f.Risk.State, Is.EqualTo(expected));
    }

    [Test]
    public void A_win_resets_the_loss_count_and_resume_clears_it()
    {
        RiskFixture f = new(RiskFixture.Loose with { MaxConsecutiveLosses = 2 });
        f.Fill(Side.Buy, 10, 10_000); f.Fill(Side.Sell, 10, 9_990);
        Assert.That(f.Risk.ConsecutiveLosses, Is.EqualTo(1));
        f.Fill(Side.Buy, 10, 10_000); f.Fill(Side.Sell, 10, 10_010);
        Assert.That(f.Risk.ConsecutiveLosses, Is.EqualTo(0));
        f.Fill(Side.Buy, 10, 10_000); f.Fill(Side.Sell, 10, 9_990);
        f.Fill(Side.Buy, 10, 10_000); f.Fill(Side.Sell, 10, 9_990);
        Assert.That(f.Risk.State, Is.EqualTo(TradingState.Halted));
        Assert.That(f.Risk.Cause, Is.EqualTo(StateCause.ConsecutiveLosses));
        f.Risk.Resume(f.Now);
        Assert.That((f.Risk.State, f.Risk.ConsecutiveLosses), Is.EqualTo((TradingState.Active, 0)));
    }

    [Test]
    public void Halted_refuses_strategy_orders_but_passes_exits_that_reduce()
    {
        RiskFixture f = new(RiskFixture.Loose);
        f.Fill(Side.Buy, 100, 10_000);
        f.Risk.Halt(StateCause.Operator, f.Now);
        Assert.That(f.Buy(10, 10_000), Is.EqualTo(RiskReason.Halted));
        Assert.That(f.Sell(100, 10_000), Is.EqualTo(RiskReason.Halted), "even reducing strategy orders wait for resume");
        Assert.That(f.Sell(100, 9_000, origin: OrderOrigin.Exit), Is.EqualTo(RiskReason.Accepted), "exits pass, outside the band too");
        Assert.That(f.Sell(110, 10_000, origin: OrderOrigin.Exit), Is.EqualTo(RiskReason.NotReducing), "an exit may not flip");
        Assert.That(f.Buy(10, 10_000, origin: OrderOrigin.Flatten), Is.EqualTo(RiskReason.NotReducing));
    }

    [Test]
    public void Exits_do_not_count_a_resting_strategy_order_against_themselves()
    {
        RiskFixture f = new(RiskFixture.Loose);
        f.Fill(Side.Buy, 100, 10_000);
        f.Risk.AddWorking(f.Btc, Side.Sell, 100, exit: false, newOrder: true); // a take-profit limit resting
        Assert.That(f.Sell(100, 10_000, origin: OrderOrigin.Exit), Is.EqualTo(RiskReason.Accepted));
        f.Risk.AddWorking(f.Btc, Side.Sell, 100, exit: true, newOrder: true);
        Assert.That(f.Sell(10, 10_000, origin: OrderOrigin.Exit), Is.EqualTo(RiskReason.NotReducing), "exits already cover the position");
    }

    [Test]
    public void Reducing_state_passes_only_orders_that_reduce()
    {
        RiskFixture f = new(RiskFixture.Loose);
        f.Fill(Side.Sell, 100, 10_000);
        f.Risk.Reduce(StateCause.Operator, f.Now);
        Assert.That(f.Sell(10, 10_000), Is.EqualTo(RiskReason.ReducingOnly));
        Assert.That(f.Buy(100, 10_000), Is.EqualTo(RiskReason.Accepted));
        Assert.That(f.Buy(110, 10_000), Is.EqualTo(RiskReason.ReducingOnly), "a flip adds risk");
    }

    [Test]
    public void Session_gate_blocks_entries_outside_the_open_phase()
    {
        RiskFixture f = new(RiskFixture.Loose);
        f.Risk.Session = SessionPhase.Closing;
        Assert.That(f.Buy(10, 10_000), Is.EqualTo(RiskReason.SessionClosed));
        f.Risk.Session = SessionPhase.Closed;
        Assert.That(f.Buy(10, 10_000), Is.EqualTo(RiskReason.SessionClosed));
        f.Risk.Session = SessionPhase.Open;
        Assert.That(f.Buy(10, 10_000), Is.EqualTo(RiskReason.Accepted));
    }
}
