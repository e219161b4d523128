using Appliance.Admin.Commands;
using Appliance.Admin.Metrics;
using Appliance.Admin.Server;
using Appliance.Hosting.Config;
using Appliance.Hosting.Control;
using Appliance.Hosting.Lifecycle;
using Appliance.Hosting.Secrets;
using Appliance.Hosting.Strategy;
using Appliance.Hosting.Threads;
using Appliance.MarketData.Events;
using Appliance.MarketData.Feed;
using Appliance.MarketData.Journal;
using Appliance.Primitives.Host;
using Appliance.Primitives.Rings;
using Appliance.Primitives.Threading;
using Appliance.Trading.Config;

namespace Appliance.Hosting.Daemon;

public sealed partial class ApplianceDaemon
{
    /// <summary>
    /// Starts everything after logging and config: placement of this process, instruments and books, admin
    /// socket, journal, feed threads, strategy thread, housekeeping (READY, STATUS, watchdog, session timers).
    /// Returns once the threads run; READY=1 follows from housekeeping when its condition holds.
    /// </summary>
    /// <exception cref="DaemonStartException">With the exit code and the reason; what was started is stopped again.</exception>
    public void Start()
    {
        if (_state != DaemonState.Created) throw new InvalidOperationException($"the daemon is {_state}");
        SetState(DaemonState.Starting, "starting");
        try
        {
            StartCore();
        }
        catch (Exception e)
        {
            int code = e is DaemonStartException d ? d.ExitCode : DaemonExitCodes.Software;
            Volatile.Write(ref _exitCode, code);
            _log.Write(Microsoft.Extensions.Logging.LogLevel.Critical, $"start failed: {e.Message}");
            Stop(TimeSpan.FromSeconds(10), "start failed");
            throw e as DaemonStartException ?? new DaemonStartException(code, e.Message, e);
        }
    }

    private void StartCore()
    {
        ApplianceConfig c = Config;
        if (Seams.Active) _log.Warn($"test seams active ({TestSeams.FreezeFileVariable}={Seams.FreezeFile}): this is not a production run");
        if (Session is { } clock)
        {
            if (!clock.TryGetSession(DateTimeOffset.UtcNow, out SessionWindow window))
                throw new InvalidOperationException("outside every session: check Session before starting the daemon");
            CurrentSession = window;
            _log.Info($"session {window}");
        }

        PlaceProcess(c.Threads);
        Notifier.Status("starting: instruments");

        // Instruments and books.
        Instruments = FeedGroup.Instruments(c.MarketData);
        var depths = c.Instruments.Select(i => i.BookDepth).ToArray();
        var groups = FeedGroup.FromConfig(c.MarketData);
        var books = new BookSet(Instruments, depths, RequestResync);

        // Admin socket: up early, so a slow start can be watched.
        Notifier.Status("starting: admin socket");
        var registry = new CommandRegistry();
        DaemonCommands.Register(this, registry);
        Admin = StartAdmin(c.Admin, registry);
        Admin.RegisterMetrics(Metrics);

        // This run's directory for its journal (and, by the same name, for its decisions).
        if (c.Journal.Enabled) _journalDirectory = JournalRunDirectory(c.Journal.Directory, StartedUtc);

        // The trading engine (its decision journal, its venue gateway, not yet connected) before the feeds, so a
        // mistake here starts nothing.
        if (c.TradingEnabled)
        {
            Notifier.Status("starting: trading engine");
            Trading = CreateTrading(c, books);
        }

        // Journal, rings and feed threads.
        Notifier.Status("starting: feeds");
        foreach (FeedGroup group in groups)
        {
            var ring = new SpscRing<MarketEvent>(c.Ring.Capacity, $"{group.Name} → strategy");
            JournalWriter? journal = c.Journal.Enabled ? OpenJournal(c.Journal, group) : null;
            var options = FeedSessionOptions.FromConfig(group, Instruments, c.Ring, ring, journal, log: Logs.GetLogger($"Feed.{group.Name}"));
            var session = new FeedSession(options);
            _feeds.Add(new FeedRuntime(_feeds.Count, group, session, ring, journal));
        }
        // The strategy stage (the trading engine preallocates its order pool, decision log, indicators) and loop.
        var latencies = new StageLatencies(Latency);
        IStrategyStage stage = (IStrategyStage?)Trading ?? new PassThroughStage();
        if (Trading is null) _log.Info($"no trading section (or trading.enabled false): the strategy stage is pass-through (market data only)");
        EventDigestTap? tap = Trading is not null && c.Trading!.DecisionLog.EventDigest ? new EventDigestTap(_feeds.Count) : null;
        Strategy = new StrategyLoop(_feeds.Select(f => f.Ring).ToArray(), books, stage, latencies, c.Threads.Spin, tap);

        // Start-up garbage (config, JSON, tables) and the large buffers' allocation budget go now, in one
        // compacting collection before any market data, rather than as a gen-2 collection in the session;
        // then gen-2 only under memory pressure.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.LowLatency;

        foreach (FeedRuntime feed in _feeds)
        {
            feed.Session.Start();
            PlaceFeedThread(feed, c.Threads);
            Progress.Add(new ProgressSource($"feed {feed.Name}", feed.ProgressSignature, () => feed.Session.IsRunning));
        }

        // Strategy thread.
        Notifier.Status("starting: strategy thread");
        StrategyThread = StartStrategyThread(Strategy, c.Threads);
        Progress.Add(new ProgressSource("strategy", Strategy.Heartbeat.Read, () => !Strategy.Exited));
        if (Trading?.Venue is { } venue)
        {
            // Connects, logs in and reconciles in the background; orders the strategy sends meanwhile wait in its ring.
            venue.Start();
            _log.Info($"venue gateway: connecting to {c.Trading!.Venue!.Url}");
        }

        DaemonMetrics.Register(this);
        Latency.RegisterMetrics(Metrics);
        if (c.Metrics.TextfilePath is { } path)
        {
            MetricsFile = new TextfileExporter(Metrics, path, TimeSpan.FromSeconds(c.Metrics.IntervalSeconds), Logs.GetLogger("Metrics"));
            MetricsFile.Start();
        }

        Housekeeping = new Housekeeping(this);
        Housekeeping.Start();
        _log.Info($"started: {_feeds.Count} feed thread(s), strategy stage '{stage.Name}', admin socket {c.Admin.SocketPath}; waiting for READY ({c.Systemd.Ready.ToString().ToLowerInvariant()})");
    }

    /// <summary>
    /// The trading engine over the loop's books, its decision journal in this run's directory (named as the
    /// run's market-data journal directory, so replay finds one from the other) and, with the venue gateway,
    /// the gateway (started with the strategy thread).
    /// </summary>
    private TradingStage CreateTrading(ApplianceConfig c, BookSet books)
    {
        TradingConfig trading = c.Trading!;
        if (trading.DecisionLog.Directory is { } decisions)
        {
            string run = _journalDirectory is { } j ? Path.Combine(decisions, Path.GetFileName(j)) : JournalRunDirectory(decisions, StartedUtc);
            DecisionsDirectory = Directory.Exists(run) ? JournalRunDirectory(decisions, StartedUtc) : run;
        }
        string? key = null;
        if (trading.Gateway == GatewayKind.Venue)
        {
            // The key leaves the secret store for this one call; a venue without login takes the default.
            if (Secrets.TryGet(SecretsLoader.VenueApiKey, out Secret secret)) key = secret.Reveal();
            else
            {
                key = "appliance";
                _log.Warn($"trading.venue: no API key (secret {SecretsLoader.VenueApiKey} or trading.venue.apiKeyFile): logging in with the default key");
            }
        }
        try
        {
            TradingStage stage = TradingStageFactory.Create(trading with { DecisionLog = trading.DecisionLog with { Directory = DecisionsDirectory } },
                c.Risk, c.Strategy, books, Logs, backgroundDecisionLog: true, key,
                c.Threads.HousekeepingCpus is { } hk ? CpuSet.Parse(hk) : null);
            string journal = DecisionsDirectory is null ? "decision log to the log only" : $"decision journal {DecisionsDirectory}";
            _log.Info($"trading: {stage.Engine.StrategyName} on {string.Join(", ", c.Strategy.Instruments)}, gateway {stage.Engine.Gateway.Name}, {journal}");
            return stage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DaemonStartException(DaemonExitCodes.CannotCreate, $"trading: decision journal {DecisionsDirectory}: {e.Message}", e);
        }
    }

    private void PlaceProcess(ThreadsConfig t)
    {
        // Threads inherit the affinity of the thread that creates them: pin this one to the housekeeping CPUs
        // first, and every helper thread (log and journal writers, admin, timers) starts there.
        if (t.HousekeepingCpus is { } hk)
        {
            CpuSet cpus = CpuSet.Parse(hk);
            OsResult r = CpuAffinity.PinCurrentThread(cpus);
            if (!r.Ok) _log.Warn($"housekeeping CPUs {cpus}: {r}");
        }
        if (t.Mlockall)
        {
            OsResult r = ThreadScheduling.LockAllMemory();
            if (!r.Ok)
            {
                if (t.RequireMlockall) throw new DaemonStartException(DaemonExitCodes.Config, $"threads.requireMlockall: {r} (systemd: AmbientCapabilities=CAP_IPC_LOCK or LimitMEMLOCK=infinity)");
                _log.Warn($"{r}: pages may still fault in on a hot thread");
            }
            else _log.Info($"{r}");
        }

        var hot = new List<int>();
        if (t.Strategy.Cpus is { } sc) hot.AddRange(CpuSet.Parse(sc).Cpus);
        foreach (var f in Config.Feeds) if (f.Cpu is int cpu) hot.Add(cpu);
        HostInfo host = HostInfoReader.Read();
        _placement.AddRange(HostPreflight.Check(host, t, new CpuSet(hot)));
        foreach (PlacementCheck check in _placement.Where(p => !p.Ok))
            if (check.Required) _log.Error($"required: {check}");
            else _log.Warn($"{check}");
        var errors = _placement.Where(p => p.IsError).ToList();
        if (errors.Count > 0)
            throw new DaemonStartException(DaemonExitCodes.Config, "the host does not give what threads.require* asks: " + string.Join("; ", errors));
    }

    private AdminServer StartAdmin(AdminConfig a, CommandRegistry registry)
    {
        ConfigText.TryParseMode(a.SocketMode, out UnixFileMode mode);
        var options = new AdminServerOptions
        {
            SocketPath = a.SocketPath,
            SocketMode = mode,
            SocketGroup = a.SocketGroup,
            AdminGroup = a.AdminGroup,
            MaxClients = a.MaxClients,
            RequestsPerSecond = a.RequestsPerSecond,
            RequestBurst = a.RequestBurst,
            IdleTimeout = TimeSpan.FromSeconds(a.IdleTimeoutSeconds),
            Cpus = Config.Threads.HousekeepingCpus is { } hk ? CpuSet.Parse(hk) : null,
            Log = Logs.GetLogger("Admin"),
            Product = "appliance",
            Version = Version,
        };
        try
        {
            // Under systemd RuntimeDirectory= made it; a hand-started daemon may need it made.
            if (Path.GetDirectoryName(a.SocketPath) is { Length: > 0 } dir && !Directory.Exists(dir)) Directory.CreateDirectory(dir);
            var server = new AdminServer(options, registry);
            server.Start();
            return server;
        }
        catch (Exception e) when (e is AdminServerException or ArgumentException or IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
        {
            throw new DaemonStartException(DaemonExitCodes.CannotCreate, $"admin socket {a.SocketPath}: {e.Message}", e);
        }
    }

    private JournalWriter OpenJournal(MarketData.Config.JournalConfig j, FeedGroup group)
    {
        try
        {
            _journalDirectory ??= JournalRunDirectory(j.Directory, StartedUtc);
            Directory.CreateDirectory(_journalDirectory);
            return new JournalWriter(j.ToWriterOptions(_journalDirectory) with { FilePrefix = group.JournalPrefix });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DaemonStartException(DaemonExitCodes.CannotCreate, $"journal {j.Directory} for feed {group.Name}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Each run journals into its own directory under journal.directory, named for its start (UTC), with the
    /// groups' usual segment names inside: the writer numbers segments from 0 and never overwrites, so a
    /// restart must not reuse the last run's names, and `appliance replay --journal DIR` takes the directory
    /// as it is. Two starts in one second get a suffix.
    /// </summary>
    internal static string JournalRunDirectory(string baseDirectory, DateTimeOffset started)
    {
        string stamp = started.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        string path = Path.Combine(baseDirectory, stamp);
        for (int n = 2; Directory.Exists(path); n++) path = Path.Combine(baseDirectory, $"{stamp}.{n}");
        return path;
    }

    private void PlaceFeedThread(FeedRuntime feed, ThreadsConfig t)
    {
        int? cpu = feed.Group.Lines[0].Cpu;
        PinnedThreadReport? report = feed.Session.Placement;
        if (cpu is not null && report is not null)
        {
            bool pinned = report.Requests.Count > 0 && report.Requests[0].Ok;
            _placement.Add(new PlacementCheck($"feed {feed.Name} pinning", pinned, t.RequirePinning,
                pinned ? $"feed {feed.Name}: tid {report.ThreadId} on CPU {report.Affinity}" : $"feed {feed.Name}: pinning to CPU {cpu} failed: {string.Join("; ", report.Warnings)}"));
            if (!pinned && t.RequirePinning) throw new DaemonStartException(DaemonExitCodes.Config, $"threads.requirePinning: feed {feed.Name} could not be pinned to CPU {cpu}");
        }
        if (t.FeedFifoPriority > 0)
        {
            if (report is null)
            {
                _placement.Add(new PlacementCheck($"feed {feed.Name} fifo", false, t.RequireFifo, $"feed {feed.Name} is not pinned (feeds[].cpu): its thread id is unknown, so it stays SCHED_OTHER"));
                if (t.RequireFifo) throw new DaemonStartException(DaemonExitCodes.Config, $"threads.requireFifo: feed {feed.Name} has no cpu, so it cannot be given SCHED_FIFO");
                return;
            }
            var (ok, detail) = ThreadPolicy.SetFifo(report.ThreadId, t.FeedFifoPriority);
            _placement.Add(new PlacementCheck($"feed {feed.Name} fifo", ok, t.RequireFifo, $"feed {feed.Name}: {detail}"));
            if (!ok)
            {
                if (t.RequireFifo) throw new DaemonStartException(DaemonExitCodes.Config, $"threads.requireFifo: {detail}");
                _log.Warn($"feed {feed.Name}: {detail}");
            }
        }
    }

    private PinnedThread StartStrategyThread(StrategyLoop loop, ThreadsConfig t)
    {
        var options = new PinnedThreadOptions
        {
            Name = "strategy",
            Cpus = t.Strategy.Cpus is { } cpus ? CpuSet.Parse(cpus) : null,
            Policy = t.Strategy.FifoPriority > 0 ? SchedulingPolicy.Fifo : SchedulingPolicy.Other,
            Priority = t.Strategy.FifoPriority,
            RequirePinning = t.RequirePinning,
            RequirePolicy = t.RequireFifo,
        };
        PinnedThread thread = PinnedThread.Start(options, loop.Run);
        PinnedThreadReport report = thread.Report;
        foreach (string w in report.Warnings) _log.Warn($"strategy thread: {w}");
        if (options.Cpus is not null)
            _placement.Add(new PlacementCheck("strategy pinning", report.Requests.Count > 0 && report.Requests[0].Ok, t.RequirePinning, report.ToString()));
        if (!report.Started)
            throw new DaemonStartException(DaemonExitCodes.Config, $"strategy thread: {string.Join("; ", report.Errors)}");
        _log.Info($"strategy thread: {report}");
        return thread;
    }

    /// <summary>Strategy thread (rarely): a book stopped mirroring the venue; ask the feeds carrying its depth for a fresh snapshot.</summary>
    private void RequestResync(int instrumentId)
    {
        foreach (FeedRuntime feed in _feeds) feed.Session.RequestResync(instrumentId);
    }
}
