using System.Runtime.CompilerServices;
using Appliance.Trading.Config;
using Appliance.Trading.Engine;
using Appliance.Trading.Positions;
using Appliance.Trading.Sessions;

namespace Appliance.Trading.Exits;

/// <summary>
/// Decides, on every event of an instrument with an open position, whether the position must close and
/// why. Levels are whole price units computed from the average entry (take-profit and stop-loss) or from
/// the best price since entry (trailing), and a level triggers when the price <em>reaches or crosses</em>
/// it: a long's stop fires on any price at or below the stop, so a gap that jumps over the level fires on
/// the first price beyond it — never a test for equality with the level, which a jump would miss (the
/// seeds' 14.75 → 27.50 target). Precedence: emergency, stop-loss, trailing stop, take-profit, session
/// end, maximum duration.
/// </summary>
public sealed class ExitMonitor
{
    private readonly ExitRules _rules;
    private readonly long[] _lastPrice;

    public ExitMonitor(ExitRules rules, int instruments)
    {
        _rules = rules;
        _lastPrice = new long[instruments];
    }

    public ExitRules Rules => _rules;

    /// <summary>The price exits watch for this instrument: last trade, or the touch we would close at.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long PriceFor(InstrumentState s) =>
        _rules.PriceSource == ExitPriceSource.Trade ? s.LastTrade
        : s.Position.Quantity > 0 ? s.BestBid
        : s.Position.Quantity < 0 ? s.BestAsk
        : s.LastTrade;

    /// <summary>
    /// Evaluates the rules for one instrument at <paramref name="nowNs"/>. Moves the trailing anchor first,
    /// so a new best price raises the stop before the stop is compared.
    /// </summary>
    public ExitReason Evaluate(InstrumentState s, long nowNs, SessionPhase session)
    {
        long price = PriceFor(s);
        long previous = _lastPrice[s.Id];
        if (price > 0) _lastPrice[s.Id] = price;
        ref Position p = ref s.Position;
        if (p.Quantity == 0 || price <= 0) return ExitReason.None;

        bool isLong = p.Quantity > 0;
        if (_rules.EmergencyPpm > 0 && previous > 0 && previous != price)
        {
            long adverse = isLong ? previous - price : price - previous;
            if (adverse > 0 && Math.BigMul(adverse, 1_000_000) >= Math.BigMul(previous, _rules.EmergencyPpm)) return ExitReason.Emergency;
        }

        double entry = p.AveragePrice;
        if (_rules.StopLoss > 0)
        {
            long stop = Level(entry, isLong ? -_rules.StopLoss : _rules.StopLoss);
            if (isLong ? price <= stop : price >= stop) return ExitReason.StopLoss;
        }

        p.Observe(price);
        if (_rules.Trailing > 0)
        {
            long trail = Level(p.BestPrice, isLong ? -_rules.Trailing : _rules.Trailing);
            if (isLong ? price <= trail : price >= trail) return ExitReason.TrailingStop;
        }

        if (_rules.TakeProfit > 0)
        {
            long target = Level(entry, isLong ? _rules.TakeProfit : -_rules.TakeProfit);
            if (isLong ? price >= target : price <= target) return ExitReason.TakeProfit;
        }

        if (session != SessionPhase.Open) return ExitReason.SessionEnd;
        if (_rules.MaxHoldNs > 0 && nowNs - p.OpenedAtNs >= _rules.MaxHoldNs) return ExitReason.MaxDuration;
        return ExitReason.None;
    }

    /// <summary>A level in whole price units: rounding to the nearest unit keeps 100.00 × 1.02 at 102.00, not one unit off.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Level(double anchor, double fraction) => (long)Math.Round(anchor * (1 + fraction), MidpointRounding.AwayFromZero);

    /// <summary>Limit price of an exit order: beyond the touch by the protection, so it fills at once yet never at any price.</summary>
    public long ExitLimitPrice(InstrumentState s, bool sell, bool emergency)
    {
        double protection = emergency ? _rules.EmergencyProtection : _rules.Protection;
        return ProtectedPrice(s, sell, protection);
    }

    /// <summary>An IOC price <paramref name="protection"/> beyond the touch (the last trade when that side is empty), on the tick.</summary>
    public static long ProtectedPrice(InstrumentState s, bool sell, double protection)
    {
        long touch = sell ? s.BestBid : s.BestAsk;
        if (touch <= 0) touch = s.LastTrade;
        if (touch <= 0) return 0;
        double limit = sell ? touch * (1 - protection) : touch * (1 + protection);
        long price = sell ? s.Spec.CeilToTick(limit) : s.Spec.FloorToTick(limit);
        return Math.Max(price, s.Spec.TickSize);
    }
}
