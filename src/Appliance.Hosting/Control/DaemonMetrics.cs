using Appliance.Admin.Metrics;
using Appliance.Hosting.Daemon;
using Appliance.Hosting.Lifecycle;
using Appliance.Hosting.Strategy;
using Appliance.MarketData.Feed;

namespace Appliance.Hosting.Control;

/// <summary>
/// The daemon's metrics (besides the admin server's and the stage latency summary): pulled from counters at
/// each exposition, so nothing on a hot thread knows metrics exist. Names follow Prometheus conventions
/// (<c>_total</c> counters, base units); `ctl metrics` output passes <c>promtool check metrics</c>.
/// </summary>
public static class DaemonMetrics
{
    public static void Register(ApplianceDaemon d)
    {
        MetricsRegistry m = d.Metrics;
        m.AddGauge("appliance_up", "1 while the daemon runs.", () => 1);
        m.AddGauge("appliance_ready", "1 once READY was reached (feeds subscribed and events flowing).", () => d.State == DaemonState.Running ? 1 : 0);
        m.AddGauge("appliance_stopping", "1 while the daemon stops.", () => d.State is DaemonState.Stopping or DaemonState.Stopped ? 1 : 0);
        m.AddGauge("appliance_start_time_seconds", "Unix time the daemon started.", () => d.StartedUtc.ToUnixTimeMilliseconds() / 1000.0);

        var events = m.AddFamily("appliance_events_total", "Events the strategy thread took from a feed's ring.", MetricType.Counter, "feed");
        var market = m.AddFamily("appliance_market_events_total", "Trades, quotes and depth events taken from a feed's ring.", MetricType.Counter, "feed");
        var gaps = m.AddFamily("appliance_gaps_total", "Sequence gaps reported by a feed.", MetricType.Counter, "feed");
        var drops = m.AddFamily("appliance_ring_drops_total", "Events a feed thread dropped because its ring was full.", MetricType.Counter, "feed");
        var depth = m.AddFamily("appliance_ring_depth", "Events waiting in a feed's ring.", MetricType.Gauge, "feed");
        var highWater = m.AddFamily("appliance_ring_high_water", "Deepest backlog a feed's ring has had.", MetricType.Gauge, "feed");
        var lines = m.AddFamily("appliance_feed_lines_connected", "Connections of a feed that are up.", MetricType.Gauge, "feed");
        var messages = m.AddFamily("appliance_feed_messages_total", "WebSocket messages a feed received.", MetricType.Counter, "feed");
        var reconnects = m.AddFamily("appliance_feed_reconnects_total", "Connection failures and disconnects of a feed.", MetricType.Counter, "feed");
        var age = m.AddFamily("appliance_feed_last_event_age_seconds", "Seconds since a feed's last market event reached the strategy thread (-1: none yet).", MetricType.Gauge, "feed");
        var journalDrops = m.AddFamily("appliance_journal_drops_total", "Journal records a feed could not hand to the journal writer.", MetricType.Counter, "feed");
        foreach (FeedRuntime f in d.Feeds)
        {
            string[] label = [f.Name];
            FeedRuntime feed = f;
            RingConsumerState State() => d.Strategy?.StateOf(feed.Index) ?? default;
            events.Observe(label, () => State().Events);
            market.Observe(label, () => State().MarketEvents);
            gaps.Observe(label, () => State().Gaps);
            drops.Observe(label, () => feed.Session.Counters[FeedCounter.RingDrops]);
            depth.Observe(label, () => feed.Ring.Count);
            highWater.Observe(label, () => feed.Ring.HighWaterMark);
            lines.Observe(label, () => feed.LinesConnected());
            messages.Observe(label, () => feed.Session.Counters[FeedCounter.Messages]);
            reconnects.Observe(label, () => feed.Session.Counters[FeedCounter.Disconnects] + feed.Session.Counters[FeedCounter.ConnectFailures]);
            age.Observe(label, () => State().LastMarketReceive == 0 ? -1 : DaemonCommands.AgeMs(State().LastMarketReceive) / 1000.0);
            journalDrops.Observe(label, () => feed.Session.Counters[FeedCounter.JournalDrops]);
        }

        m.AddGauge("appliance_halted", "1 while trading is halted (kill switch).", () => d.Strategy?.Stage.IsHalted == true ? 1 : 0);
        m.AddGauge("appliance_hot_threads_stalled", "Hot threads that made no progress at the last check.", () => d.Progress.Stalled.Count);
        m.AddCounter("appliance_watchdog_pings_total", "WATCHDOG=1 messages sent to systemd.", () => d.Notifier.WatchdogPings);
        m.AddCounter("appliance_strategy_allocated_bytes_total", "Bytes the strategy thread has allocated (flat in steady state).", () => d.Strategy?.AllocatedBytes ?? 0);

        var gc = m.AddFamily("appliance_gc_collections_total", "Garbage collections by generation.", MetricType.Counter, "generation");
        gc.Observe(["0"], () => GC.CollectionCount(0));
        gc.Observe(["1"], () => GC.CollectionCount(1));
        gc.Observe(["2"], () => GC.CollectionCount(2));
        m.AddCounter("appliance_gc_pause_seconds_total", "Time the GC paused the process.", () => GC.GetTotalPauseDuration().TotalSeconds);
        m.AddCounter("appliance_gc_allocated_bytes_total", "Bytes allocated by the process since it started.", () => GC.GetTotalAllocatedBytes());

        if (d.Trading is { } trading) TradingMetrics.Register(m, trading);

        m.AddCounter("appliance_log_lines_total", "Log lines written.", () => d.Logs.Counters.LinesWritten);
        m.AddCounter("appliance_log_dropped_total", "Log records dropped at full per-thread rings.", () => d.Logs.Counters.Dropped);
    }
}
