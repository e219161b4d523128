using Appliance.Trading.Positions;
using Appliance.Trading.Risk;

namespace Appliance.Trading.Engine;

/// <summary>
/// Everything the strategy thread knows about one instrument, in one place: market prices, the position,
/// working-order totals, feed health and its compiled limits. Owned and written by the strategy thread
/// only; strategies see it through read-only views; other threads through published snapshots.
/// </summary>
public sealed class InstrumentState
{
    public InstrumentState(InstrumentSpec spec) => Spec = spec;

    public InstrumentSpec Spec { get; }
    public int Id => Spec.Id;

    /// <summary>Whether the strategy trades it (others are tracked for marks only).</summary>
    public bool Traded;

    // Market, in price units (0 = none yet).
    public long LastTrade;
    public long PreviousTrade;
    public long LastTradeTimeNs;
    public long BestBid;
    public long BestAsk;

    public Position Position;

    // Working orders (sent or pending, not yet terminal), quantity units.
    public long WorkingBuy;
    public long WorkingSell;
    public int WorkingCount;
    /// <summary>Working quantity of exit orders (they reduce the position; never counted twice).</summary>
    public long WorkingExit;

    public FeedHealth Health;
    public long GapSinceNs;
    public long JumpBlockedUntilNs;

    // Compiled limits (quantity units).
    public long MaxPositionUnits = long.MaxValue;
    public long MaxOrderUnits = long.MaxValue;

    // Cached money figures, kept current by the risk engine on every mark, fill or working-order change.
    /// <summary>Worst-case notional: the larger |position| its working orders can lead to, at the mark.</summary>
    public double Exposure;
    public double Unrealized;

    /// <summary>Mid price in price units, or 0 when a side is missing.</summary>
    public long Mid => BestBid > 0 && BestAsk > 0 ? (BestBid + BestAsk) / 2 : 0;

    /// <summary>Mark for PnL and exposure: mid when the book has both sides, else the last trade.</summary>
    public long Mark => BestBid > 0 && BestAsk > 0 ? (BestBid + BestAsk) / 2 : LastTrade;
}
