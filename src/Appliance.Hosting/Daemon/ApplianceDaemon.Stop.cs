using System.Diagnostics;
using Appliance.Hosting.Config;
using Appliance.Hosting.Lifecycle;
using Appliance.Hosting.Strategy;

namespace Appliance.Hosting.Daemon;

public sealed partial class ApplianceDaemon
{
    private int _stopping;

    /// <summary>
    /// The stop sequence, within <paramref name="budget"/>: STOPPING=1 (first: the hot threads are about to
    /// stop making progress, and systemd must not take that for a hang) → no new entries → cancel or flatten
    /// (shutdown.onStop) while the feeds still run → stop the feed threads → the strategy thread drains the
    /// rings and ends → close the journals → stop metrics, housekeeping and the admin socket. The caller
    /// flushes and closes the logs last. Each step gets what is left of the budget; a step that overruns is
    /// logged and the rest still run.
    /// </summary>
    public void Stop(TimeSpan budget, string reason)
    {
        if (Interlocked.Exchange(ref _stopping, 1) != 0) return;
        var clock = Stopwatch.StartNew();
        TimeSpan Left(double share = 1.0)
        {
            TimeSpan left = budget - clock.Elapsed;
            return left <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(100) : left * share;
        }

        SetState(DaemonState.Stopping, $"stopping: {reason}");
        Notifier.Stopping($"stopping: {reason}");
        _log.Info($"stopping ({reason}); budget {budget.TotalSeconds:0.#} s, on stop: {Config.Shutdown.OnStop.ToString().ToLowerInvariant()}");

        if (Strategy is { } strategy && StrategyThread is not null && !strategy.Exited)
        {
            Step("stop new entries", () => Control(strategy, StrategyCommand.StopEntries, reason, Left(0.1)));
            switch (Config.Shutdown.OnStop)
            {
                case StopAction.Flatten:
                    Step("flatten", () => Control(strategy, StrategyCommand.Flatten, reason, Left(0.5)));
                    WaitFlat(strategy, Left(0.6));
                    break;
                case StopAction.Cancel:
                    Step("cancel working orders", () => Control(strategy, StrategyCommand.CancelAll, reason, Left(0.5)));
                    break;
            }
        }

        Notifier.Status("stopping: feeds");
        foreach (FeedRuntime feed in _feeds)
            Step($"stop feed {feed.Name}", () => feed.Session.Stop(Left(0.5)));

        if (Strategy is { } loop && StrategyThread is { } thread)
        {
            Notifier.Status("stopping: draining the rings");
            loop.RequestStop();
            if (!thread.Join(Left(0.5))) _log.Error($"strategy thread did not finish draining within the budget ({(loop.IsFrozen ? "it is frozen" : "still busy")})");
            else _log.Info($"strategy thread drained {loop.DrainedEvents} event(s) and ended");
        }

        if (Trading is { } trading)
        {
            if (Strategy is { Exited: false } && StrategyThread is not null)
                _log.Error($"trading: the strategy thread is still running; the decision log is left open (no digest)");
            else Step("trading: decision log and gateway", () => FinishTrading(trading, Left(0.5)));
        }

        Notifier.Status("stopping: journal");
        foreach (FeedRuntime feed in _feeds)
            if (feed.Journal is { } journal) Step($"close journal of {feed.Name}", journal.Dispose);

        Step("metrics textfile", () => MetricsFile?.Dispose());
        Step("housekeeping", () => Housekeeping?.Stop());
        Step("admin socket", () => Admin?.Stop(Left(0.5)));
        SetState(DaemonState.Stopped, "stopped");
        _log.Info($"stopped in {clock.Elapsed.TotalSeconds:0.###} s; exit code {ExitCode}");
    }

    /// <summary>
    /// After the strategy thread ended: the session's trading summary, the decision log's digest (what a replay
    /// of this session's journal must print) and the event digest when tapped; then the decision journal is
    /// closed and the venue gateway stopped.
    /// </summary>
    private void FinishTrading(TradingStage trading, TimeSpan timeout)
    {
        Notifier.Status("stopping: decision log");
        if (trading.Snapshot() is { } s)
        {
            int open = s.Positions.Count(p => p.Quantity != 0);
            string flat = open == 0 && s.Orders.Count == 0 ? "flat" : $"NOT FLAT: {open} position(s), {s.Orders.Count} working order(s)";
            _log.Info($"trading: {s.Risk.Fills} fills, realized {s.Risk.Realized:0.00}, day P&L {s.Risk.DailyPnl:0.00}, state {s.Risk.State}, {flat}");
        }
        string? digest = trading.DecisionDigest(timeout);
        long records = trading.Engine.Decisions.Count, dropped = trading.Engine.Decisions.Dropped;
        if (digest is null) _log.Error($"decision log: the writer did not catch up within {timeout.TotalSeconds:0.#} s; no digest");
        else if (dropped > 0) _log.Warn($"decision log: {records} records, {dropped} DROPPED at a full ring (the digest does not cover the session), decision digest {digest}");
        else _log.Info($"decision log: {records} records, decision digest {digest}");
        if (Strategy?.Tap is { } tap)
        {
            var (events, count, lost) = tap.Finish();
            if (lost > 0) _log.Warn($"event digest {events} over {count} events; {lost} events not digested (tap ring full): it does not cover the session");
            else _log.Info($"event digest {events} over {count} events");
            tap.Dispose();
        }
        trading.Dispose();
    }

    private string Control(StrategyLoop strategy, StrategyCommand command, string reason, TimeSpan timeout)
    {
        string answer = strategy.Control.Send(command, reason, timeout);
        _log.Info($"{command}: {answer}");
        return answer;
    }

    private void WaitFlat(StrategyLoop strategy, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!strategy.Stage.IsFlat && deadline.Elapsed < timeout) Thread.Sleep(10);
        if (!strategy.Stage.IsFlat) _log.Critical($"NOT FLAT after {timeout.TotalSeconds:0.#} s of the stop budget: orders or positions remain");
    }

    private void Step(string what, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            _log.Error($"stop: {what} failed: {e.Message}");
        }
    }

    private void Step(string what, Func<string> action) => Step(what, () => { action(); });
}
