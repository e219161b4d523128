namespace Appliance.Admin.Commands;

/// <summary>
/// The daemon's verbs as docs/admin-protocol.md defines them: names, arguments and whether they mutate are
/// fixed here so every host answers the same grammar; the host supplies the handlers
/// (<c>registry.Register(StandardVerbs.Book, ctx => …)</c>). Ready-made handlers exist for
/// <see cref="Latency"/> (<see cref="Answers.LatencyTracker"/>), <see cref="Metrics"/>
/// (<see cref="Admin.Metrics.MetricsRegistry"/>) and <see cref="LogLevel"/> (<see cref="LogLevelCommand"/>).
/// </summary>
public static class StandardVerbs
{
    public static readonly AdminVerb Help = new("help", "[VERB...]", false, "List the verbs, or describe one.");
    public static readonly AdminVerb Version = new("version", "", false, "Daemon version, runtime, protocol version, pid and uptime.");

    public static readonly AdminVerb Health = new("health", "", false,
        "ok / degraded / failing, with the reasons: feeds, event age, ring depth and drops, gaps, GC, watchdog, pinning.");
    public static readonly AdminVerb Status = new("status", "", false, "One-screen summary: state, session, feeds, strategy, orders.");
    public static readonly AdminVerb Stats = new("stats", "", false, "Counters: events, rings, drops, gaps, GC, log and journal.");
    public static readonly AdminVerb Feeds = new("feeds", "", false, "Each feed connection: state, last event age, rates, gaps, reconnects.");
    public static readonly AdminVerb Config = new("config", "", false, "The configuration in force, secrets redacted.");
    public static readonly AdminVerb Metrics = new("metrics", "", false, "Every metric in the Prometheus text exposition format 0.0.4.");

    public static readonly AdminVerb Latency = new("latency", "[STAGE] [--hgrm] [--reset]", false,
        "Per stage p50, p90, p99, p99.9, p99.99, max and count, for the last interval and since start; "
        + "--hgrm adds the .hgrm percentile tables; --reset (admin) starts the histograms afresh after answering.",
        "--reset");
    public static readonly AdminVerb Book = new("book", "SYMBOL [DEPTH]", false, "The order book of one instrument, best levels first.");

    public static readonly AdminVerb LogLevel = new("log level", "CATEGORY LEVEL [--for DURATION]", true,
        "Set a log category's level (trace, debug, info, warn, error, critical, none, or reset); --for reverts after the duration.");
    public static readonly AdminVerb Halt = new("halt", "[REASON...]", true, "Stop sending new orders (kill switch); open orders and positions stay.");
    public static readonly AdminVerb Resume = new("resume", "", true, "Lift a halt.");
    public static readonly AdminVerb Flatten = new("flatten", "", true, "Cancel open orders and close positions, then halt.");
    public static readonly AdminVerb Reconnect = new("reconnect", "FEED", true, "Drop and re-open one feed connection.");

    /// <summary>Every verb above, built-ins first.</summary>
    public static IReadOnlyList<AdminVerb> All { get; } =
        [Help, Version, Health, Status, Stats, Feeds, Config, Metrics, Latency, Book, LogLevel, Halt, Resume, Flatten, Reconnect];
}
