using System.Diagnostics;
using System.Globalization;
using Appliance.Hosting.Config;
using Appliance.Hosting.Lifecycle;
using Appliance.Hosting.Strategy;
using Appliance.Logging;
using Appliance.Primitives.Threading;
using Appliance.Primitives.Time;

namespace Appliance.Hosting.Daemon;

/// <summary>
/// The daemon's timekeeper, one unpinned thread: READY once the feeds deliver (EXTEND_TIMEOUT_USEC while
/// waiting, exit 69 when they never do), STATUS= every few seconds, WATCHDOG=1 only while every hot thread
/// progresses (at most twice per WatchdogSec), latency intervals, the session's flatten and close, counter
/// samples for health, and the test seams. Reads hot-thread state only through counters and snapshots.
/// </summary>
public sealed class Housekeeping
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(5);
    private const int Samples = 13; // a minute of history at 5 s

    private readonly ApplianceDaemon _daemon;
    private readonly ApplianceConfig _config;
    private readonly Logger _log;
    private readonly ManualResetEventSlim _stop = new();
    private readonly CounterSample[] _samples = new CounterSample[Samples];
    private readonly Lock _sampleLock = new();
    private int _sampleCount;
    private Thread? _thread;
    private long _stallEpisodes;
    private DateTime _lastStallLog = DateTime.MinValue;
    private long _lastWatchdogPingTicks;
    private bool _flattened;

    public Housekeeping(ApplianceDaemon daemon)
    {
        _daemon = daemon;
        _config = daemon.Config;
        _log = daemon.Logs.GetLogger("Housekeeping");
    }

    /// <summary>The watchdog interval systemd asked for and we honour; null: no WATCHDOG=1 pings.</summary>
    public TimeSpan? WatchdogInterval => _config.Systemd.Watchdog ? _daemon.Systemd.WatchdogInterval : null;

    /// <summary>MonoClock ticks of the last WATCHDOG=1 (0: none).</summary>
    public long LastWatchdogPing => Volatile.Read(ref _lastWatchdogPingTicks);

    /// <summary>Times a progress check found a hot thread stalled.</summary>
    public long StallEpisodes => Volatile.Read(ref _stallEpisodes);

    public void Start()
    {
        _thread = NamedThread.Create("housekeeping", Run);
        _thread.Start();
    }

    public void Stop()
    {
        _stop.Set();
        _thread?.Join(TimeSpan.FromSeconds(5));
    }

    /// <summary>The sample of about <paramref name="age"/> ago and the newest (equal when there is one sample).</summary>
    public (CounterSample Old, CounterSample New)? Window(TimeSpan age)
    {
        lock (_sampleLock)
        {
            if (_sampleCount == 0) return null;
            int newest = (_sampleCount - 1) % Samples;
            CounterSample last = _samples[newest];
            CounterSample old = last;
            long wanted = last.Ticks - MonoClock.FromNanoseconds((long)age.TotalNanoseconds);
            for (int k = 1; k < Math.Min(_sampleCount, Samples); k++)
            {
                CounterSample s = _samples[(newest - k + Samples) % Samples];
                old = s;
                if (s.Ticks <= wanted) break;
            }
            return (old, last);
        }
    }

    private void Run()
    {
        var started = Stopwatch.StartNew();
        SystemdConfig sd = _config.Systemd;
        TimeSpan readyTimeout = TimeSpan.FromSeconds(sd.ReadyTimeoutSeconds);
        TimeSpan extendBy = TimeSpan.FromSeconds(sd.ExtendTimeoutSeconds);
        TimeSpan statusEvery = TimeSpan.FromSeconds(sd.StatusIntervalSeconds);
        TimeSpan? watchdog = WatchdogInterval;
        // At most two pings per WatchdogSec: more would only load systemd.
        TimeSpan checkEvery = watchdog is { } w ? w / 2 : TimeSpan.FromSeconds(2);

        TimeSpan nextExtend = TimeSpan.Zero, nextStatus = statusEvery, nextCheck = TimeSpan.Zero, nextSample = TimeSpan.Zero;
        long lastEvents = 0;
        TimeSpan lastStatusAt = TimeSpan.Zero;
        _daemon.Notifier.Status("starting: waiting for market data");

        while (!_stop.Wait(Tick))
        {
            try
            {
                TimeSpan now = started.Elapsed;
                if (_daemon.State == DaemonState.Starting)
                {
                    if (ReadyCondition(out string waiting))
                    {
                        string status = $"{TotalEvents()} events so far, {Describe(0, TimeSpan.Zero)}";
                        _daemon.SetState(DaemonState.Running, "running");
                        _daemon.Notifier.Ready($"running: {status}");
                        _log.Info($"READY after {now.TotalSeconds:0.00} s: {status}");
                        nextStatus = now + statusEvery;
                    }
                    else if (now > readyTimeout)
                    {
                        _log.Error($"not ready after {readyTimeout.TotalSeconds:0} s ({waiting}): giving up (exit {DaemonExitCodes.Unavailable})");
                        _daemon.RequestStop($"not ready within systemd.readyTimeoutSeconds ({waiting})", DaemonExitCodes.Unavailable);
                    }
                    else
                    {
                        _daemon.SetState(DaemonState.Starting, waiting);
                        if (now >= nextExtend)
                        {
                            // Ask for a little more each time rather than a lot once: a hang still times out soon.
                            _daemon.Notifier.ExtendTimeout(extendBy);
                            _daemon.Notifier.Status($"starting: {waiting}");
                            nextExtend = now + extendBy / 2;
                        }
                    }
                }

                if (now >= nextCheck)
                {
                    nextCheck = now + checkEvery;
                    bool allProgress = _daemon.Progress.Check();
                    if (allProgress)
                    {
                        if (watchdog is not null && !_daemon.Notifier.IsStopping && _daemon.Notifier.Watchdog())
                            Volatile.Write(ref _lastWatchdogPingTicks, MonoClock.Now());
                    }
                    else
                    {
                        Interlocked.Increment(ref _stallEpisodes);
                        if (DateTime.UtcNow - _lastStallLog > TimeSpan.FromSeconds(10))
                        {
                            _lastStallLog = DateTime.UtcNow;
                            _log.Error($"hot thread(s) not progressing: {string.Join(", ", _daemon.Progress.Stalled)}{(watchdog is null ? "" : "; WATCHDOG=1 withheld")}");
                        }
                    }
                }

                if (_daemon.State == DaemonState.Running && now >= nextStatus)
                {
                    long events = TotalEvents();
                    double seconds = (now - lastStatusAt).TotalSeconds;
                    _daemon.Notifier.Status($"running: {Describe(events - lastEvents, now - lastStatusAt)}");
                    lastEvents = events;
                    lastStatusAt = now;
                    nextStatus = now + statusEvery;
                    _daemon.Latency.Collect();
                }

                if (now >= nextSample)
                {
                    nextSample = now + SampleEvery;
                    Sample();
                }

                SessionTimers();
                Seams();
            }
            catch (Exception e)
            {
                // Housekeeping must outlive any one bad tick.
                _log.Error($"housekeeping: {e}");
            }
        }
    }

    private bool ReadyCondition(out string waiting)
    {
        StrategyLoop? strategy = _daemon.Strategy;
        if (strategy is null || strategy.Exited)
        {
            waiting = "strategy thread not running";
            return false;
        }
        if (_config.Systemd.Ready == ReadyPolicy.Start)
        {
            waiting = "";
            return true;
        }
        var missing = new List<string>();
        foreach (FeedRuntime feed in _daemon.Feeds)
        {
            if (feed.LinesConnected() == 0) missing.Add($"{feed.Name} (connecting)");
            else if (strategy.StateOf(feed.Index).MarketEvents == 0)
                missing.Add(strategy.StateOf(feed.Index).Subscribed > 0 ? $"{feed.Name} (subscribed, no events yet)" : $"{feed.Name} (connected, subscribing)");
        }
        waiting = missing.Count == 0 ? "" : "waiting for market data on " + string.Join(", ", missing);
        // Trading through the venue: ready means orders can go out too (logged in, reconciled).
        if (missing.Count == 0 && _daemon.Trading?.Venue is { IsReady: false } venue)
        {
            var g = venue.Status;
            waiting = $"waiting for the venue gateway ({(g.Connected ? "logging in and reconciling" : $"connecting{(g.LastError is { } e ? $": {e}" : "")}")})";
            return false;
        }
        return missing.Count == 0;
    }

    /// <summary>One line for STATUS= and the READY log line.</summary>
    internal string Describe(long eventsInWindow, TimeSpan window)
    {
        int up = 0;
        long drops = 0, gaps = 0, highWater = 0, capacity = 0;
        StrategyLoop? strategy = _daemon.Strategy;
        foreach (FeedRuntime feed in _daemon.Feeds)
        {
            if (feed.LinesConnected() > 0) up++;
            drops += feed.Session.Counters[MarketData.Feed.FeedCounter.RingDrops];
            if (strategy is not null) gaps += strategy.StateOf(feed.Index).Gaps;
            highWater = Math.Max(highWater, feed.Ring.HighWaterMark);
            capacity = feed.Ring.Capacity;
        }
        string rate = window > TimeSpan.Zero ? string.Create(CultureInfo.InvariantCulture, $", {eventsInWindow / window.TotalSeconds:0} ev/s") : "";
        string halted = strategy?.Stage.IsHalted == true ? ", HALTED" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"feeds {up}/{_daemon.Feeds.Count} up{rate}, ring high-water {highWater}/{capacity}, drops {drops}, gaps {gaps}, gc {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}{halted}");
    }

    private long TotalEvents()
    {
        long n = 0;
        if (_daemon.Strategy is { } s)
            for (int i = 0; i < s.RingCount; i++) n += s.StateOf(i).Events;
        return n;
    }

    private void Sample()
    {
        long gaps = 0, drops = 0;
        if (_daemon.Strategy is { } s)
            for (int i = 0; i < s.RingCount; i++)
            {
                var st = s.StateOf(i);
                gaps += st.Gaps;
                drops += st.DroppedEvents;
            }
        foreach (FeedRuntime f in _daemon.Feeds) drops = Math.Max(drops, f.Session.Counters[MarketData.Feed.FeedCounter.RingDrops]);
        var sample = new CounterSample(MonoClock.Now(), TotalEvents(), gaps, drops, GC.CollectionCount(2), StallEpisodes);
        lock (_sampleLock)
        {
            _samples[_sampleCount % Samples] = sample;
            _sampleCount++;
        }
    }

    private void SessionTimers()
    {
        if (_daemon.CurrentSession is not { } session || _daemon.State is DaemonState.Stopping or DaemonState.Stopped) return;
        DateTimeOffset now = DateTimeOffset.UtcNow;
        if (!_flattened && now >= session.FlattenAt && session.FlattenAt < session.Close && _daemon.Strategy is { } strategy)
        {
            _flattened = true;
            _log.Info($"session: {_config.Session!.FlattenBeforeCloseSeconds} s before the close: stopping new entries and applying shutdown.onStop");
            strategy.Control.Send(StrategyCommand.StopEntries, "session close approaching", TimeSpan.FromSeconds(5));
            if (_config.Shutdown.OnStop == StopAction.Flatten) strategy.Control.Send(StrategyCommand.Flatten, "session close approaching", TimeSpan.FromSeconds(5));
            else if (_config.Shutdown.OnStop == StopAction.Cancel) strategy.Control.Send(StrategyCommand.CancelAll, "session close approaching", TimeSpan.FromSeconds(5));
        }
        if (now >= session.Close && _config.Session!.StopAtClose)
            _daemon.RequestStop($"session closed at {session.Close:HH:mm:ss}Z");
    }

    private void Seams()
    {
        if (!_daemon.Seams.Active || _daemon.Strategy is not { } strategy || strategy.IsFrozen) return;
        if (_daemon.Seams.ThreadToFreeze() == "strategy")
        {
            _log.Warn($"test seam: freezing the strategy thread");
            strategy.Freeze();
        }
    }
}
