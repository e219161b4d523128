namespace Appliance.Trading.Config;

/// <summary>
/// The <c>strategy</c> section: which strategy, on which instruments, with which parameters, session
/// window and exits. <c>trading.shadow</c> takes a second one of these. See docs/trading.md.
/// </summary>
public sealed record StrategyConfig
{
    /// <summary>Strategy name; <c>ema-crossover</c> is the reference strategy.</summary>
    public string Name { get; set; } = "ema-crossover";

    /// <summary>Our symbols the strategy trades (each must be a configured instrument).</summary>
    public List<string> Instruments { get; set; } = [];

    /// <summary>Size of an entry, quote currency; the quantity is rounded down to whole lots at the entry price.</summary>
    public decimal OrderNotional { get; set; } = 1_000m;

    /// <summary>Whether the strategy may go short.</summary>
    public bool AllowShort { get; set; } = true;

    public IndicatorConfig Indicators { get; set; } = new();

    public EmaCrossoverConfig EmaCrossover { get; set; } = new();

    /// <summary>Entries only inside this window; null means always open, trading day from 00:00 UTC.</summary>
    public SessionConfig? Session { get; set; }

    public ExitConfig Exits { get; set; } = new();
}

/// <summary>The indicators the engine keeps per instrument for the strategy, and what feeds them.</summary>
public sealed record IndicatorConfig
{
    /// <summary>Bars (closed bars feed the price indicators) or Trades (every trade price does). ATR always uses bars.</summary>
    public IndicatorInput Input { get; set; } = IndicatorInput.Bars;

    public BarConfig Bar { get; set; } = new();

    public int EmaFast { get; set; } = 9;
    public int EmaSlow { get; set; } = 21;
    public int MacdFast { get; set; } = 12;
    public int MacdSlow { get; set; } = 26;
    public int MacdSignal { get; set; } = 9;
    public int RsiPeriod { get; set; } = 14;
    public int BollingerPeriod { get; set; } = 20;
    public decimal BollingerWidth { get; set; } = 2m;
    public int AtrPeriod { get; set; } = 14;
}

public enum IndicatorInput
{
    Bars,
    Trades,
}

public sealed record BarConfig
{
    public BarKindConfig Kind { get; set; } = BarKindConfig.Time;

    /// <summary>Time bars: milliseconds; tick bars: trades; volume bars: quantity as a decimal in the instrument's units.</summary>
    public decimal Size { get; set; } = 1_000m;
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
    public decimal RsiMaxForLong { get; set; } = 70m;

    /// <summary>Short entries need RSI at least this (not oversold).</summary>
    public decimal RsiMinForShort { get; set; } = 30m;

    /// <summary>Trades in a row above (below) the previous one that confirm a long (short) entry.</summary>
    public int ConfirmationTicks { get; set; } = 3;

    /// <summary>Whether an opposite crossover closes the position (exits handle it otherwise).</summary>
    public bool ExitOnOppositeCross { get; set; } = true;
}

/// <summary>A daily window in a time zone. End before start spans midnight.</summary>
public sealed record SessionConfig
{
    /// <summary>IANA time zone id.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>"HH:mm" local time.</summary>
    public string Start { get; set; } = "00:00";

    /// <summary>"HH:mm" local time; equal to start means 24 hours.</summary>
    public string End { get; set; } = "00:00";

    /// <summary>Days the session opens: "Mon".."Sun" (as in the daemon's session section) or full names; empty means every day.</summary>
    public List<string> Days { get; set; } = [];

    /// <summary>Positions are closed this many minutes before the session ends, and no entry is made then.</summary>
    public int ForcedExitMinutes { get; set; } = 5;
}

/// <summary>Exit rules. Percentages are of the average entry price; 0 turns a rule off.</summary>
public sealed record ExitConfig
{
    public decimal TakeProfitPct { get; set; } = 1m;
    public decimal StopLossPct { get; set; } = 0.5m;
    public decimal TrailingStopPct { get; set; } = 0m;

    /// <summary>Longest a position may stay open, seconds of event time (0: no limit).</summary>
    public int MaxHoldSeconds { get; set; } = 3_600;

    /// <summary>A single move of at least this percentage against the position exits at once with the wider protection.</summary>
    public decimal EmergencyMovePct { get; set; } = 3m;

    /// <summary>Which price triggers the levels.</summary>
    public ExitPriceSource PriceSource { get; set; } = ExitPriceSource.Trade;

    /// <summary>Exit orders are IOC limits this far beyond the touch (price protection).</summary>
    public decimal ProtectionPct { get; set; } = 0.5m;

    /// <summary>Price protection of emergency exits.</summary>
    public decimal EmergencyProtectionPct { get; set; } = 2m;
}

public enum ExitPriceSource
{
    /// <summary>The last trade price.</summary>
    Trade,
    /// <summary>The price we would close at: best bid for a long, best ask for a short.</summary>
    Touch,
}
