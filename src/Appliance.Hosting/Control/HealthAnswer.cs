using System.Globalization;
using Appliance.Admin.Answers;
using Appliance.Hosting.Daemon;
using Appliance.Hosting.Lifecycle;
using Appliance.Hosting.Strategy;
using Appliance.Hosting.Threads;
using Appliance.MarketData.Feed;
using Appliance.Primitives.Time;

namespace Appliance.Hosting.Control;

/// <summary>
/// `health`: ok / degraded / failing with the reasons. Failing means the daemon is not doing its job (no
/// market data, a hot thread stuck or dead); degraded that it works but needs a look (a line of a redundant
/// feed down, drops or gaps in the last minute, a halt, a CPU not isolated, a gen-2 GC during the session).
/// </summary>
public static class HealthAnswer
{
    private static readonly TimeSpan Recent = TimeSpan.FromMinutes(1);

    public static HealthReport Build(ApplianceDaemon d)
    {
        var r = new HealthReport();
        switch (d.State)
        {
            case DaemonState.Running: r.Ok("daemon", $"running, ready sent {(d.Notifier.Enabled ? "to systemd" : "(no NOTIFY_SOCKET)")}"); break;
            case DaemonState.Starting: r.Degraded("daemon", $"starting: {d.StateDetail}"); break;
            default: r.Degraded("daemon", d.StateDetail); break;
        }

        StrategyLoop? strategy = d.Strategy;
        var window = d.Housekeeping?.Window(Recent);
        foreach (FeedRuntime f in d.Feeds) Feed(r, d, f, strategy);

        if (window is { } w)
        {
            long gaps = w.New.Gaps - w.Old.Gaps;
            long drops = w.New.Drops - w.Old.Drops;
            if (gaps > 0) r.Degraded("gaps", $"{gaps} sequence gap(s) in the last minute (books resync)");
            else r.Ok("gaps", $"none in the last minute ({w.New.Gaps} since start)");
            if (drops > 0) r.Degraded("drops", $"{drops} event(s) dropped at full rings in the last minute: the strategy thread falls behind");
            else r.Ok("drops", $"none in the last minute ({w.New.Drops} since start)");
        }

        if (strategy is null) r.Failing("strategy", "not started");
        else if (strategy.Exited) r.Failing("strategy", "the strategy thread has ended");
        else
        {
            var describe = strategy.Stage.Describe();
            string state = describe.FirstOrDefault(kv => kv.Key == "state").Value ?? "?";
            if (strategy.Stage.IsHalted || state.Equals("halted", StringComparison.OrdinalIgnoreCase))
            {
                string why = describe.FirstOrDefault(kv => kv.Key == "halt_reason").Value is { Length: > 0 } reason ? reason
                    : describe.FirstOrDefault(kv => kv.Key == "cause").Value ?? "";
                r.Degraded("strategy", $"halted ({why}); `resume` lifts it");
            }
            else r.Ok("strategy", $"{strategy.Stage.Name}: {state}");
        }
        if (d.Trading?.Venue is { } gateway)
        {
            var g = gateway.Status;
            string detail = $"connected {(g.Connected ? "yes" : "no")}, ready {(g.Ready ? "yes" : "no")}, {g.Connects} connects, {g.Disconnects} disconnects, {g.Reconciliations} reconciliations ({g.Differences} differences){(g.LastError is null ? "" : $", last error: {g.LastError}")}";
            if (!g.Connected) r.Failing("order gateway", detail);
            else if (!g.Ready) r.Degraded("order gateway", detail);
            else r.Ok("order gateway", detail);
        }

        IReadOnlyList<string> stalled = d.Progress.Stalled;
        if (stalled.Count > 0) r.Failing("threads", $"not progressing: {string.Join(", ", stalled)}");
        else r.Ok("threads", $"{d.Progress.Count} hot thread(s) progressing");

        TimeSpan? watchdog = d.Housekeeping?.WatchdogInterval;
        if (watchdog is null) r.Ok("watchdog", d.Systemd.WatchdogInterval is null ? "not requested (no WatchdogSec=)" : "disabled by systemd.watchdog=false");
        else if (stalled.Count > 0) r.Failing("watchdog", "WATCHDOG=1 withheld: a hot thread is stuck; systemd will restart the service");
        else
        {
            long last = d.Housekeeping!.LastWatchdogPing;
            string age = last == 0 ? "none yet" : string.Create(CultureInfo.InvariantCulture, $"last {MonoClock.ElapsedNanoseconds(last, MonoClock.Now()) / 1e9:0.0} s ago");
            r.Ok("watchdog", string.Create(CultureInfo.InvariantCulture, $"WatchdogSec {watchdog.Value.TotalSeconds:0.#} s, pinging every {watchdog.Value.TotalSeconds / 2:0.#} s, {age}, {d.Notifier.WatchdogPings} pings"));
        }

        string gc = string.Create(CultureInfo.InvariantCulture,
            $"collections {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} (gen0/1/2), pauses {GC.GetTotalPauseDuration().TotalMilliseconds:0.###} ms total, {GC.GetTotalAllocatedBytes() / 1024} KiB allocated");
        if (window is { } gw && gw.New.Gen2Collections > gw.Old.Gen2Collections) r.Degraded("gc", $"a gen-2 collection in the last minute; {gc}");
        else r.Ok("gc", gc);

        foreach (PlacementCheck p in d.Placement)
            if (!p.Ok) r.Degraded($"placement {p.Name}", p.Detail);
        if (d.Placement.All(p => p.Ok)) r.Ok("placement", d.Placement.Count == 0 ? "nothing checked" : string.Join("; ", d.Placement.Select(p => p.Name)));
        return r;
    }

    private static void Feed(HealthReport r, ApplianceDaemon d, FeedRuntime f, StrategyLoop? strategy)
    {
        string name = $"feed {f.Name}";
        if (!f.Session.IsRunning)
        {
            r.Failing(name, f.Session.Fault is { } e ? $"feed thread failed: {e.Message}" : "feed thread not running");
            return;
        }
        int up = f.LinesConnected(), lines = f.Group.Lines.Count;
        long last = strategy?.StateOf(f.Index).LastMarketReceive ?? 0;
        double ageMs = DaemonCommands.AgeMs(last);
        int staleMs = f.Group.Lines[0].StaleAfterMs;
        string detail = string.Create(CultureInfo.InvariantCulture,
            $"{up}/{lines} line(s) up, last event {(last == 0 ? "never" : $"{ageMs:0.#} ms ago")}, ring {f.Ring.Count}/{f.Ring.Capacity} (high-water {f.Ring.HighWaterMark}), drops {f.Session.Counters[FeedCounter.RingDrops]}");
        if (up == 0) r.Failing(name, $"no line connected; {detail}");
        else if (last == 0 || ageMs > staleMs) r.Failing(name, $"no market data for over {staleMs} ms; {detail}");
        else if (up < lines) r.Degraded(name, $"redundancy lost; {detail}");
        else if (f.Ring.Count > f.Ring.Capacity / 2) r.Degraded(name, $"ring over half full; {detail}");
        else r.Ok(name, detail);
    }
}
