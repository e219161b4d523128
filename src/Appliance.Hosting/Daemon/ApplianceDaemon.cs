using Appliance.Admin.Answers;
using Appliance.Admin.Metrics;
using Appliance.Admin.Server;
using Appliance.Hosting.Config;
using Appliance.Hosting.Lifecycle;
using Appliance.Hosting.Secrets;
using Appliance.Hosting.Strategy;
using Appliance.Hosting.Systemd;
using Appliance.Hosting.Threads;
using Appliance.Logging;
using Appliance.MarketData.Instruments;
using Appliance.Primitives.Threading;

namespace Appliance.Hosting.Daemon;

/// <summary>
/// The running appliance: everything the config asks for, started in order (logging and config come in
/// ready-made; then instruments, admin socket, journal, feed threads, strategy thread, housekeeping) and
/// stopped in the reverse order after the trading side is wound down. <see cref="Start"/> and
/// <see cref="Stop"/> are called by the host (Microsoft.Extensions.Hosting); the daemon asks the host to stop
/// through <see cref="StopRequested"/> at the session's end or when the start times out.
/// </summary>
public sealed partial class ApplianceDaemon : IDisposable
{
    private readonly Logger _log;
    private readonly List<FeedRuntime> _feeds = new();
    private readonly List<PlacementCheck> _placement = new();
    private volatile DaemonState _state = DaemonState.Created;
    private volatile string _stateDetail = "created";
    private int _exitCode;
    private int _stopRequested;
    private string? _journalDirectory;

    public ApplianceDaemon(LoadedConfig loaded, LogSystem logs, SystemdEnvironment systemd, SystemdNotifier notifier, TestSeams seams, string version)
    {
        Loaded = loaded;
        Config = loaded.Require();
        Secrets = loaded.Secrets;
        Logs = logs;
        Systemd = systemd;
        Notifier = notifier;
        Seams = seams;
        Version = version;
        _log = logs.GetLogger("Daemon");
        StartedUtc = DateTimeOffset.UtcNow;
        Session = Config.Session is { } s ? new SessionClock(s) : null;
    }

    public LoadedConfig Loaded { get; }
    public ApplianceConfig Config { get; }
    public SecretStore Secrets { get; }
    public LogSystem Logs { get; }
    public SystemdEnvironment Systemd { get; }
    public SystemdNotifier Notifier { get; }
    public TestSeams Seams { get; }
    public string Version { get; }
    public DateTimeOffset StartedUtc { get; }
    public SessionClock? Session { get; }

    /// <summary>The session this run serves (null without a session section).</summary>
    public SessionWindow? CurrentSession { get; private set; }

    public DaemonState State => _state;

    /// <summary>What the state means right now ("waiting for market data on binance").</summary>
    public string StateDetail => _stateDetail;

    /// <summary>What the process should exit with once the host has stopped.</summary>
    public int ExitCode => Volatile.Read(ref _exitCode);

    /// <summary>Why the daemon stops: the signal, the session's close, a start timeout. Logged and put in STATUS=.</summary>
    public string StopReason { get; set; } = "stop requested";

    /// <summary>Set by the host: asks it to run the stop sequence (session end, start timeout).</summary>
    public Action<string>? StopRequested { get; set; }

    public InstrumentTable? Instruments { get; private set; }
    public IReadOnlyList<FeedRuntime> Feeds => _feeds;
    public StrategyLoop? Strategy { get; private set; }

    /// <summary>The trading engine's stage when the config has a trading section (null: pass-through).</summary>
    public TradingStage? Trading { get; private set; }
    public PinnedThread? StrategyThread { get; private set; }
    public LatencyTracker Latency { get; } = new();
    public MetricsRegistry Metrics { get; } = new();
    public AdminServer? Admin { get; private set; }
    public TextfileExporter? MetricsFile { get; private set; }
    public ProgressMonitor Progress { get; } = new();
    public Housekeeping? Housekeeping { get; private set; }
    public IReadOnlyList<PlacementCheck> Placement => _placement;

    /// <summary>Where this run's journal segments go (null: journal disabled or not started).</summary>
    public string? JournalDirectory => _journalDirectory;

    /// <summary>This run's decision journal directory (<c>trading.decisionLog.directory/RUN</c>, RUN as the journal's), or null.</summary>
    public string? DecisionsDirectory { get; private set; }

    internal Logger Log => _log;

    internal void SetState(DaemonState state, string detail)
    {
        _state = state;
        _stateDetail = detail;
    }

    /// <summary>Asks the host to stop (once); <paramref name="exitCode"/> is kept unless an earlier request set one.</summary>
    public void RequestStop(string reason, int exitCode = DaemonExitCodes.Ok)
    {
        if (Interlocked.Exchange(ref _stopRequested, 1) != 0) return;
        Volatile.Write(ref _exitCode, exitCode);
        StopReason = reason;
        _log.Info($"stop requested: {reason}");
        StopRequested?.Invoke(reason);
    }

    public void Dispose()
    {
        if (_state is not (DaemonState.Stopped or DaemonState.Created)) Stop(TimeSpan.FromSeconds(5), "disposed");
        Latency.Dispose();
    }
}
