namespace Appliance.Trading.Config;

/// <summary>
/// The <c>risk</c> section: pre-trade limits every intent passes, and the breakers that change the trading
/// state. Money is in the quote currency; quantities in lots of each instrument. See docs/trading.md.
/// </summary>
public sealed record RiskConfig
{
    /// <summary>Capital the percentage limits refer to.</summary>
    public decimal Capital { get; set; } = 100_000m;

    /// <summary>Largest position per instrument, as a percentage of capital at the order's price.</summary>
    public decimal MaxPositionPctOfCapital { get; set; } = 10m;

    /// <summary>Largest position per instrument in lots (either side).</summary>
    public long MaxPositionLots { get; set; } = 1_000;

    /// <summary>Largest sum over instruments of |position| × price, as a percentage of capital.</summary>
    public decimal MaxTotalExposurePct { get; set; } = 25m;

    /// <summary>Largest single order, quantity × price.</summary>
    public decimal MaxOrderNotional { get; set; } = 10_000m;

    /// <summary>Largest single order in lots.</summary>
    public long MaxOrderLots { get; set; } = 1_000;

    /// <summary>Fat-finger band: an order's price may differ from the reference by at most this percentage.</summary>
    public decimal PriceBandPct { get; set; } = 1m;

    public PriceReference PriceBandReference { get; set; } = PriceReference.LastTrade;

    /// <summary>Sustained order rate (token bucket refill per second of event time).</summary>
    public decimal OrdersPerSecond { get; set; } = 10m;

    /// <summary>Token bucket capacity: orders that may go out back to back.</summary>
    public int OrderBurst { get; set; } = 20;

    /// <summary>Working orders at once, all instruments.</summary>
    public int MaxOpenOrders { get; set; } = 20;

    /// <summary>Loss for the trading day (realized + unrealized, from the day's start) that halts trading.</summary>
    public decimal DailyLossLimit { get; set; } = 2_000m;

    /// <summary>At this fraction of the daily loss limit the state becomes REDUCING (1 turns it off).</summary>
    public decimal ReduceAtLossFraction { get; set; } = 0.8m;

    /// <summary>What the daily loss limit does besides halting.</summary>
    public BreakerAction OnDailyLoss { get; set; } = BreakerAction.Halt;

    /// <summary>Losing round trips in a row that halt trading (0 turns the breaker off).</summary>
    public int MaxConsecutiveLosses { get; set; } = 5;

    /// <summary>What a stale feed, a sequence gap or an overloaded ring does while a position is open.</summary>
    public FeedGateAction FeedGate { get; set; } = FeedGateAction.BlockEntries;

    /// <summary>Event time a gap or overload keeps entries blocked when no resync or snapshot clears it.</summary>
    public int GapClearSeconds { get; set; } = 5;

    /// <summary>Data-quality alert when consecutive trades differ by more than this percentage (0 turns it off).</summary>
    public decimal JumpAlertPct { get; set; } = 5m;

    public JumpAction JumpAction { get; set; } = JumpAction.Alert;

    /// <summary>With <see cref="JumpAction.BlockEntries"/>: event time entries stay blocked after a jump.</summary>
    public int JumpBlockSeconds { get; set; } = 10;

    /// <summary>Per-instrument overrides of the lot limits, by our symbol.</summary>
    public Dictionary<string, InstrumentRiskConfig> Instruments { get; set; } = new();
}

public sealed record InstrumentRiskConfig
{
    public long? MaxPositionLots { get; set; }
    public long? MaxOrderLots { get; set; }
}

public enum PriceReference
{
    LastTrade,
    Mid,
}

public enum BreakerAction
{
    /// <summary>HALTED: no new entries, working orders cancelled, positions kept.</summary>
    Halt,
    /// <summary>HALTED and every position closed.</summary>
    Flatten,
}

public enum FeedGateAction
{
    BlockEntries,
    Flatten,
}

public enum JumpAction
{
    Alert,
    BlockEntries,
}
