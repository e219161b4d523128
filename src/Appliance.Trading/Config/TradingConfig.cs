namespace Appliance.Trading.Config;

/// <summary>The <c>trading</c> section: gateway, order pool, decision log, shadow strategy. See docs/trading.md.</summary>
public sealed record TradingConfig
{
    public bool Enabled { get; set; } = true;

    public GatewayKind Gateway { get; set; } = GatewayKind.Paper;

    public PaperGatewayConfig Paper { get; set; } = new();

    /// <summary>Required when <see cref="Gateway"/> is Venue.</summary>
    public VenueGatewayConfig? Venue { get; set; }

    /// <summary>Orders that can be alive at once (preallocated).</summary>
    public int OrderPoolSize { get; set; } = 1_024;

    /// <summary>Client order ids are this plus a per-run sequence; null: Unix milliseconds at start × 1000.</summary>
    public long? ClientOrderIdBase { get; set; }

    public DecisionLogConfig DecisionLog { get; set; } = new();

    /// <summary>A second strategy run on the same events without orders; divergences are reported.</summary>
    public StrategyConfig? Shadow { get; set; }

    /// <summary>Price protection of <c>flatten</c> orders, percent beyond the touch.</summary>
    public decimal FlattenProtectionPct { get; set; } = 0.5m;

    /// <summary>Quoting: levels a strategy may ask for per side and instrument.</summary>
    public int MaxQuoteLevels { get; set; } = 5;
}

public enum GatewayKind
{
    Paper,
    Venue,
}

public sealed record PaperGatewayConfig
{
    /// <summary>Event time between sending and the order reaching the simulated book.</summary>
    public int LatencyMicros { get; set; } = 500;

    /// <summary>Marketable orders fill this much worse than the levels they take.</summary>
    public decimal SlippageBps { get; set; } = 1m;
}

public sealed record VenueGatewayConfig
{
    /// <summary>Order-entry WebSocket, e.g. ws://127.0.0.1:9100/trade.</summary>
    public string Url { get; set; } = "";

    /// <summary>File holding the API key (mode 0600); the key is never logged.</summary>
    public string? ApiKeyFile { get; set; }

    /// <summary>Venue request limit per second (token bucket).</summary>
    public decimal RequestsPerSecond { get; set; } = 20m;

    public int RequestBurst { get; set; } = 20;

    public int ReconnectInitialMs { get; set; } = 100;
    public int ReconnectMaxMs { get; set; } = 5_000;

    /// <summary>An insert whose answer was lost is re-sent (same client id) only this young; older ones are queried by cancel.</summary>
    public int ResendWindowMs { get; set; } = 2_000;

    /// <summary>A request unanswered this long counts as a transport failure (the connection is recycled).</summary>
    public int RequestTimeoutMs { get; set; } = 5_000;

    /// <summary>Spin (pinned core) instead of yielding when idle.</summary>
    public bool BusySpin { get; set; }
}

public sealed record DecisionLogConfig
{
    /// <summary>Directory for the binary decision log; null keeps only the digest and the log lines.</summary>
    public string? Directory { get; set; }

    /// <summary>Also write each decision as a line through the logger (category Trading.Decisions).</summary>
    public bool LogLines { get; set; } = true;

    /// <summary>Records the strategy thread can get ahead of the writer (power of two).</summary>
    public int RingCapacity { get; set; } = 65_536;

    /// <summary>
    /// The daemon also digests every market event the engine saw (one copy per event on the strategy thread,
    /// hashed on another) and reports it at stop beside the decision digest, so a replay of the session's
    /// journal can be checked against both. Off by default: it is a verification aid, not needed to trade.
    /// </summary>
    public bool EventDigest { get; set; }
}
