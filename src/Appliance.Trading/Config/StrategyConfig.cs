namespace Appliance.Trading.Config;

/// <summary>
/// The <c>strategy</c> section: which strategy, on which instruments, with which parameters, session
/// window and exits. <c>trading.shadow</c> takes a second one of these. See docs/trading.md.
/// </summary>
public sealed record StrategyConfig
{
    /// <summary>Strategy name; <c>ema-crossover</c> is the reference strategy.</summary>
    public string Name { get; init; } = "ema-crossover";

    /// <summary>Our symbols the strategy trades (each must be a configured instrument).</summary>
    public List<string> Instruments { get; init; } = [];

    /// <summary>Size of an entry, quote currency; the quantity is rounded down to whole lots at the entry price.</summary>
    public decimal OrderNotional { get; init; } = 1_000m;

    /// <summary>Whether the strategy may go short.</summary>
    public bool AllowShort { get; init; } = true;

    public IndicatorConfig Indicators { get; init; } = new();

    public EmaCrossoverConfig EmaCrossover { get; init; } = new();

    /// <summary>Entries only inside this window; null means always open, trading day from 00:00 UTC.</summary>
    public SessionConfig? Session { get; init; }

    public ExitConfig Exits { get; init; } = new();
}

/// <summary>The indicators the engine keeps per instrument for the strategy, and what feeds them.</summary>
public sealed record IndicatorConfig
{
    /// <summary>Bars (closed bars feed the price indicators) or Trades (every trade price does). ATR always uses bars.</summary>
    public IndicatorInput Input { get; init; } = IndicatorInput.Bars;

    public BarConfig Bar { get; init; } = new();

    public int EmaFast { get; init; } = 9;
    public int EmaSlow { get; init; } = 21;
    public int MacdFast { get; init; } = 12;
    public int MacdSlow { get; init; } = 26;
    public int MacdSignal { get; init; } = 9;
    public int RsiPeriod { get; init; } = 14;
    public int BollingerPeriod { get; init; } = 20;
    public decimal BollingerWidth { get; init; } = 2m;
    public int AtrPeriod { get; init; } = 14;
}

public enum IndicatorInput
{
    Bars,
    Trades,
}

public sealed record BarConfig
{
    public BarKindConfig Kind { get; init; } = BarKindConfig.Time;

    /// <summary>Time bars: milliseconds; tick bars: trades; volume bars: quantity as a decimal in the instrument's units.</summary>
    public decimal Size { get; init; } = 1_000m;
}

public enum BarKindConfig
{
    Time,
    Tick,
    Volume,
}

/// <summary>Parameters of the reference strategy.</summary>
public sealed record EmaCrossoverConfig
{
    /// <summary>Long entries need RSI at most this (not overbought).</summary>
    public decimal RsiMaxForLong { get; init; } = 70m;

    /// <summary>Short entries need RSI at least this (not oversold).</summary>
    public decimal RsiMinForShort { get; init; } = 30m;

    /// <summary>Trades in a row above (below) the previous one that confirm a long (short) entry.</summary>
    public int ConfirmationTicks { get; init; } = 3;

    /// <summary>Whether an opposite crossover closes the position (exits handle it otherwise).</summary>
    public bool ExitOnOppositeCross { get; init; } = true;
}

/// <summary>A daily window in a time zone. End before start spans midnight.</summary>
public sealed record SessionConfig
{
    /// <summary>IANA time zone id.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>"HH:mm" local time.</summary>
    public string Start { get; init; } = "00:00";

    /// <summary>"HH:mm" local time; equal to start means 24 hours.</summary>
    public string End { get; init; } = "00:00";

    /// <summary>Days the session opens ("Monday".. ); empty means every day.</summary>
    public List<DayOfWeek> Days { get; init; } = [];

    /// <summary>Positions are closed this many minutes before the session ends, and no entry is made then.</summary>
    public int ForcedExitMinutes { get; init; } = 5;
}

/// <summary>Exit rules. Percentages are of the average entry price; 0 turns a rule off.</summary>
public sealed record ExitConfig
{
    public decimal TakeProfitPct { get; init; } = 1m;
    public decimal StopLossPct { get; init; } = 0.5m;
    public decimal TrailingStopPct { get; init; } = 0m;

    /// <summary>Longest a position may stay open, seconds of event time (0: no limit).</summary>
    public int MaxHoldSeconds { get; init; } = 3_600;

    /// <summary>A single move of at least this percentage against the position exits at once with the wider protection.</summary>
    public decimal EmergencyMovePct { get; init; } = 3m;

    /// <summary>Which price triggers the levels.</summary>
    public ExitPriceSource PriceSource { get; init; } = ExitPriceSource.Trade;

    /// <summary>Exit orders are IOC limits this far beyond the touch (price protection).</summary>
    public decimal ProtectionPct { get; init; } = 0.5m;

    /// <summary>Price protection of emergency exits.</summary>
    public decimal EmergencyProtectionPct { get; init; } = 2m;
}

public enum ExitPriceSource
{
    /// <summary>The last trade price.</summary>
    Trade,
    /// <summary>The price we would close at: best bid for a long, best ask for a short.</summary>
    Touch,
}
