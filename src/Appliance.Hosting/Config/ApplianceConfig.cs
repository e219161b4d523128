using System.Text.Json.Serialization;
using Appliance.MarketData.Config;
using Appliance.Trading.Config;

namespace Appliance.Hosting.Config;

/// <summary>
/// The root of /etc/appliance/appliance.json. Loaded once by <see cref="ConfigLoader"/>, validated as a whole
/// (every mistake reported at once, each with its JSON path) and never changed afterwards. The daemon's own
/// sections are positional records; the market-data sections (instruments, feeds, ring, journal) are the
/// feed and trading rooms' types (settable properties: treat them as read-only). docs/config.md documents
/// every key.
/// </summary>
/// <param name="Schema">Editors' schema reference ("$schema"); ignored.</param>
/// <param name="Trading">The trading engine (gateway, orders, decision log); null runs the pass-through stage: market data only.</param>
/// <param name="Risk">Pre-trade risk limits and breakers (with <paramref name="Trading"/>).</param>
/// <param name="Strategy">The strategy, its instruments and exits (with <paramref name="Trading"/>).</param>
/// <param name="Session">Trading hours; null runs until stopped (24/7 venues).</param>
/// <param name="SecretsFile">JSON file of named secrets (mode 0600 or stricter); systemd credentials are read too.</param>
public sealed record ApplianceConfig(
    [property: JsonPropertyName("$schema")] string? Schema = null,
    IReadOnlyList<InstrumentConfig>? Instruments = null,
    IReadOnlyList<FeedConfig>? Feeds = null,
    RingConfig? Ring = null,
    JournalConfig? Journal = null,
    TradingConfig? Trading = null,
    RiskConfig? Risk = null,
    StrategyConfig? Strategy = null,
    LoggingConfig? Logging = null,
    AdminConfig? Admin = null,
    ThreadsConfig? Threads = null,
    SessionConfig? Session = null,
    ShutdownConfig? Shutdown = null,
    MetricsConfig? Metrics = null,
    SystemdConfig? Systemd = null,
    string? SecretsFile = null)
{
    public IReadOnlyList<InstrumentConfig> Instruments { get; init; } = Instruments ?? [];
    public IReadOnlyList<FeedConfig> Feeds { get; init; } = Feeds ?? [];
    public RingConfig Ring { get; init; } = Ring ?? new();
    public JournalConfig Journal { get; init; } = Journal ?? new();
    public RiskConfig Risk { get; init; } = Risk ?? new();
    public StrategyConfig Strategy { get; init; } = Strategy ?? new();

    /// <summary>Whether the file had a risk / strategy section (they mean nothing without a trading section).</summary>
    internal bool HasRisk { get; } = Risk is not null;
    internal bool HasStrategy { get; } = Strategy is not null;
    public LoggingConfig Logging { get; init; } = Logging ?? new();
    public AdminConfig Admin { get; init; } = Admin ?? new();
    public ThreadsConfig Threads { get; init; } = Threads ?? new();
    public ShutdownConfig Shutdown { get; init; } = Shutdown ?? new();
    public MetricsConfig Metrics { get; init; } = Metrics ?? new();
    public SystemdConfig Systemd { get; init; } = Systemd ?? new();

    /// <summary>Whether the daemon runs the trading engine (a <c>trading</c> section that is not disabled).</summary>
    [JsonIgnore]
    public bool TradingEnabled => Trading is { Enabled: true };

    /// <summary>The market-data sections as the feed room's tools and types take them.</summary>
    [JsonIgnore]
    public MarketDataConfig MarketData => new() { Instruments = Instruments, Feeds = Feeds, Ring = Ring, Journal = Journal };
}
