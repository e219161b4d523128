using Appliance.MarketData.Events;
using Appliance.Trading.Config;
using Appliance.Trading.Engine;
using Appliance.Trading.Exits;
using Appliance.Trading.Sessions;
using Appliance.Trading.Tests.TestSupport;

namespace Appliance.Trading.Tests.Exits;

/// <summary>
/// Exits on crafted price paths: a level fires when the price reaches it or crosses it, including a gap
/// that jumps over the level (the first price beyond fires), and never one price early.
/// </summary>
public class ExitMonitorTests
{
    private const long Second = 1_000_000_000;
    private const long T0 = 1_700_000_000 * Second;

    private static (ExitMonitor Monitor, InstrumentState State) Open(Side side, long entry, ExitConfig config)
    {
        InstrumentState s = TestInstruments.States()[0];
        var monitor = new ExitMonitor(new ExitRules(config), 2);
        s.Position.Apply(side, 1_000, entry, T0, s.Spec.NotionalDivisor, out _, out _);
        s.LastTrade = entry;
        Assert.That(monitor.Evaluate(s, T0, SessionPhase.Open), Is.EqualTo(ExitReason.None));
        return (monitor, s);
    }

    private static ExitConfig Only(decimal tp = 0, decimal sl = 0, decimal trail = 0, decimal emergency = 0, int maxHold = 0,
        ExitPriceSource source = ExitPriceSource.Trade) =>
        new() { TakeProfitPct = tp, StopLossPct = sl, TrailingStopPct = trail, EmergencyMovePct = emergency, MaxHoldSeconds = maxHold, PriceSource = source };

    /// <summary>Feeds the path and returns the index of the first price that triggered, and why.</summary>
    private static (int Index, ExitReason Reason) Walk(ExitMonitor monitor, InstrumentState s, params long[] path)
    {
        for (int i = 0; i < path.Length; i++)
        {
            s.LastTrade = path[i];
            ExitReason r = monitor.Evaluate(s, T0 + i * Second, SessionPhase.Open);
            if (r != ExitReason.None) return (i, r);
        }
        return (-1, ExitReason.None);
    }

    [Test]
    public void Take_profit_fires_when_the_price_reaches_the_level()
    {
        var (m, s) = Open(Side.Buy, 10_000, Only(tp: 2));
        Assert.That(Walk(m, s, 10_100, 10_150, 10_199, 10_200, 10_300), Is.EqualTo((3, ExitReason.TakeProfit)));
    }

    [Test]
    public void Take_profit_fires_on_the_first_price_beyond_a_gap_over_the_level()
    {
        // The seeds' trade: entry 10.00, target 27.50; the price jumps from 14.75 to 30.00 and then collapses.
        var (m, s) = Open(Side.Buy, 1_000, Only(tp: 175));
        Assert.That(Walk(m, s, 1_300, 1_475, 3_000, 10), Is.EqualTo((2, ExitReason.TakeProfit)));
    }

    [Test]
    public void Stop_loss_at_the_level_and_across_a_gap_for_longs_and_shorts()
    {
        var (m, s) = Open(Side.Buy, 10_000, Only(sl: 1));
        Assert.That(Walk(m, s, 9_950, 9_901, 9_900), Is.EqualTo((2, ExitReason.StopLoss)));
        (m, s) = Open(Side.Buy, 10_000, Only(sl: 1));
        Assert.That(Walk(m, s, 9_950, 9_000), Is.EqualTo((1, ExitReason.StopLoss)), "gap down through the stop");
        (m, s) = Open(Side.Sell, 10_000, Only(sl: 1));
        Assert.That(Walk(m, s, 10_050, 10_099, 10_100), Is.EqualTo((2, ExitReason.StopLoss)));
        (m, s) = Open(Side.Sell, 10_000, Only(sl: 1));
        Assert.That(Walk(m, s, 10_050, 11_000), Is.EqualTo((1, ExitReason.StopLoss)), "gap up through a short's stop");
    }

    [Test]
    public void Short_take_profit_across_a_gap()
    {
        var (m, s) = Open(Side.Sell, 10_000, Only(tp: 2));
        Assert.That(Walk(m, s, 9_900, 9_801, 9_500), Is.EqualTo((2, ExitReason.TakeProfit)));
        (m, s) = Open(Side.Sell, 10_000, Only(tp: 2));
        Assert.That(Walk(m, s, 9_801, 9_800), Is.EqualTo((1, ExitReason.TakeProfit)));
    }

    [Test]
    public void Trailing_stop_follows_the_best_price_and_fires_at_or_beyond_it()
    {
        var (m, s) = Open(Side.Buy, 10_000, Only(trail: 1));
        // Best 110.00 → stop 108.90.
        Assert.That(Walk(m, s, 10_500, 11_000, 10_950, 10_891, 10_890), Is.EqualTo((4, ExitReason.TrailingStop)));
        (m, s) = Open(Side.Buy, 10_000, Only(trail: 1));
        Assert.That(Walk(m, s, 11_000, 10_950, 10_000), Is.EqualTo((2, ExitReason.TrailingStop)), "gap through the trailing stop");
        (m, s) = Open(Side.Sell, 10_000, Only(trail: 1));
        // Best 90.00 → stop 90.90.
        Assert.That(Walk(m, s, 9_500, 9_000, 9_089, 9_500), Is.EqualTo((3, ExitReason.TrailingStop)));
    }

    [Test]
    public void Trailing_stop_does_not_fire_on_the_tick_that_makes_a_new_best()
    {
        var (m, s) = Open(Side.Buy, 10_000, Only(trail: 1));
        Assert.That(Walk(m, s, 10_100, 10_200, 10_300, 10_400), Is.EqualTo((-1, ExitReason.None)));
    }

    [Test]
    public void Emergency_exit_on_a_single_extreme_adverse_move_beats_the_stop()
    {
        var (m, s) = Open(Side.Buy, 10_000, Only(sl: 5, emergency: 3));
        Assert.That(Walk(m, s, 10_000, 9_701), Is.EqualTo((-1, ExitReason.None)), "2.99 %: not extreme, above the stop");
        (m, s) = Open(Side.Buy, 10_000, Only(sl: 5, emergency: 3));
        Assert.That(Walk(m, s, 10_000, 9_700), Is.EqualTo((1, ExitReason.Emergency)), "3 % in one move");
        (m, s) = Open(Side.Buy, 10_000, Only(sl: 5, emergency: 3));
        Assert.That(Walk(m, s, 10_000, 9_000), Is.EqualTo((1, ExitReason.Emergency)), "through the stop too: the emergency (wider protection) wins");
        (m, s) = Open(Side.Sell, 10_000, Only(emergency: 3));
        Assert.That(Walk(m, s, 10_000, 10_500), Is.EqualTo((1, ExitReason.Emergency)));
        (m, s) = Open(Side.Buy, 10_000, Only(emergency: 3));
        Assert.That(Walk(m, s, 10_000, 11_000), Is.EqualTo((-1, ExitReason.None)), "a jump in our favour is no emergency");
    }

    [Test]
    public void Max_duration_fires_when_the_position_reaches_its_age()
    {
        var (m, s) = Open(Side.Buy, 10_000, Only(maxHold: 60));
        Assert.That(m.Evaluate(s, T0 + 60 * Second - 1, SessionPhase.Open), Is.EqualTo(ExitReason.None));
        Assert.That(m.Evaluate(s, T0 + 60 * Second, SessionPhase.Open), Is.EqualTo(ExitReason.MaxDuration));
    }

    [Test]
    public void Session_closing_minutes_close_the_position()
    {
        var (m, s) = Open(Side.Buy, 10_000, Only());
        Assert.That(m.Evaluate(s, T0, SessionPhase.Closing), Is.EqualTo(ExitReason.SessionEnd));
        Assert.That(m.Evaluate(s, T0, SessionPhase.Closed), Is.EqualTo(ExitReason.SessionEnd));
    }

    [Test]
    public void Touch_source_watches_the_bid_for_a_long_and_the_ask_for_a_short()
    {
        var (m, s) = Open(Side.Buy, 10_000, Only(sl: 1, source: ExitPriceSource.Touch));
        s.BestBid = 9_950; s.BestAsk = 9_960;
        Assert.That(m.Evaluate(s, T0, SessionPhase.Open), Is.EqualTo(ExitReason.None));
        s.LastTrade = 9_000; // trades do not matter now
        Assert.That(m.Evaluate(s, T0, SessionPhase.Open), Is.EqualTo(ExitReason.None));
        s.BestBid = 9_900;
        Assert.That(m.Evaluate(s, T0, SessionPhase.Open), Is.EqualTo(ExitReason.StopLoss));
    }

    [Test]
    public void Flat_positions_never_exit()
    {
        InstrumentState s = TestInstruments.States()[0];
        var m = new ExitMonitor(new ExitRules(new ExitConfig()), 2);
        s.LastTrade = 1;
        Assert.That(m.Evaluate(s, T0, SessionPhase.Closed), Is.EqualTo(ExitReason.None));
    }

    [Test]
    public void Exit_limit_price_is_protected_beyond_the_touch_on_the_tick()
    {
        InstrumentState s = TestInstruments.States()[1]; // tick 0.05
        s.BestBid = 10_000; s.BestAsk = 10_010; s.LastTrade = 10_005;
        var m = new ExitMonitor(new ExitRules(new ExitConfig { ProtectionPct = 0.5m, EmergencyProtectionPct = 2m }), 2);
        Assert.That(m.ExitLimitPrice(s, sell: true, emergency: false), Is.EqualTo(9_950));
        Assert.That(m.ExitLimitPrice(s, sell: false, emergency: false), Is.EqualTo(10_060)); // 100.60 (100.6005 floored to the tick)
        Assert.That(m.ExitLimitPrice(s, sell: true, emergency: true), Is.EqualTo(9_800));
        s.BestBid = 0;
        Assert.That(m.ExitLimitPrice(s, sell: true, emergency: false), Is.EqualTo(9_955), "no bid: from the last trade (99.55025 up to the tick)");
    }
}
