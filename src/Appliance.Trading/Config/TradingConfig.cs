namespace Appliance.Trading.Config;

/// <summary>The <c>trading</c> section: gateway, order pool, decision log, shadow strategy. See docs/trading.md.</summary>
public sealed record TradingConfig
{
    public bool Enabled { get; init; } = true;

    public GatewayKind Gateway { get; init; } = GatewayKind.Paper;

    public PaperGatewayConfig Paper { get; init; } = new();

    /// <summary>Required when <see cref="Gateway"/> is Venue.</summary>
    public VenueGatewayConfig? Venue { get; init; }

    /// <summary>Orders that can be alive at once (preallocated).</summary>
    public int OrderPoolSize { get; init; } = 1_024;

    /// <summary>Client order ids are this plus a per-run sequence; null: Unix milliseconds at start × 1000.</summary>
    public long? ClientOrderIdBase { get; init; }

    public DecisionLogConfig DecisionLog { get; init; } = new();

    /// <summary>A second strategy run on the same events without orders; divergences are reported.</summary>
    public StrategyConfig? Shadow { get; init; }

    /// <summary>Price protection of <c>flatten</c> orders, percent beyond the touch.</summary>
    public decimal FlattenProtectionPct { get; init; } = 0.5m;

    /// <summary>Quoting: levels a strategy may ask for per side and instrument.</summary>
    public int MaxQuoteLevels { get; init; } = 5;
}

public enum GatewayKind
{
    Paper,
    Venue,
}

public sealed record PaperGatewayConfig
{
    /// <summary>Event time between sending and the order reaching the simulated book.</summary>
    public int LatencyMicros { get; init; } = 500;

    /// <summary>Marketable orders fill this much worse than the levels they take.</summary>
    public decimal SlippageBps { get; init; } = 1m;
}

public sealed record VenueGatewayConfig
{
    /// <summary>Order-entry WebSocket, e.g. ws://127.0.0.1:9100/trade.</summary>
    public string Url { get; init; } = "";

    /// <summary>File holding the API key (mode 0600); the key is never logged.</summary>
    public string? ApiKeyFile { get; init; }

    /// <summary>Venue request limit per second (token bucket).</summary>
    public decimal RequestsPerSecond { get; init; } = 20m;

    public int RequestBurst { get; init; } = 20;

    public int ReconnectInitialMs { get; init; } = 100;
    public int ReconnectMaxMs { get; init; } = 5_000;

    /// <summary>An insert whose answer was lost is re-sent (same client id) only this young; older ones are queried by cancel.</summary>
    public int ResendWindowMs { get; init; } = 2_000;

    /// <summary>A request unanswered this long counts as a transport failure (the connection is recycled).</summary>
    public int RequestTimeoutMs { get; init; } = 5_000;

    /// <summary>Spin (pinned core) instead of yielding when idle.</summary>
    public bool BusySpin { get; init; }
}

public sealed record DecisionLogConfig
{
    /// <summary>Directory for the binary decision log; null keeps only the digest and the log lines.</summary>
    public string? Directory { get; init; }

    /// <summary>Also write each decision as a line through the logger (category Trading.Decisions).</summary>
    public bool LogLines { get; init; } = true;

    /// <summary>Records the strategy thread can get ahead of the writer (power of two).</summary>
    public int RingCapacity { get; init; } = 65_536;
}
