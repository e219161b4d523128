using System.Text.Json;
using Appliance.Hosting.Daemon;
using Appliance.Hosting.Strategy;
using Appliance.Logging;
using Appliance.MarketData.Feed;

namespace Appliance.Hosting.Control;

/// <summary>`stats`: the counters, grouped: events and rings per feed, GC, logging, journal, systemd, admin.</summary>
public static class StatsAnswer
{
    public static void Write(ApplianceDaemon d, Utf8JsonWriter json)
    {
        StrategyLoop? strategy = d.Strategy;
        json.WriteStartArray("rings");
        foreach (FeedRuntime f in d.Feeds)
        {
            RingConsumerState s = strategy?.StateOf(f.Index) ?? default;
            FeedCounters c = f.Session.Counters;
            json.WriteStartObject();
            json.WriteString("feed", f.Name);
            json.WriteNumber("events", s.Events);
            json.WriteNumber("market_events", s.MarketEvents);
            json.WriteNumber("subscribed_acks", s.Subscribed);
            json.WriteNumber("gaps", s.Gaps);
            json.WriteNumber("stales", s.Stales);
            json.WriteNumber("reconnects", s.Reconnects);
            json.WriteNumber("depth", f.Ring.Count);
            json.WriteNumber("high_water", f.Ring.HighWaterMark);
            json.WriteNumber("capacity", f.Ring.Capacity);
            json.WriteNumber("full", f.Ring.FullCount);
            json.WriteNumber("drops", c[FeedCounter.RingDrops]);
            json.WriteNumber("feed_thread_allocated_bytes", c[FeedCounter.FeedThreadAllocatedBytes]);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartObject("strategy");
        json.WriteNumber("heartbeat", strategy?.Heartbeat.Read() ?? 0);
        json.WriteNumber("allocated_bytes", strategy?.AllocatedBytes ?? 0);
        json.WriteNumber("invalid_book_updates", strategy?.Books.InvalidUpdates ?? 0);
        json.WriteEndObject();

        json.WriteStartObject("gc");
        json.WriteNumber("gen0", GC.CollectionCount(0));
        json.WriteNumber("gen1", GC.CollectionCount(1));
        json.WriteNumber("gen2", GC.CollectionCount(2));
        json.WriteNumber("pause_total_ms", Math.Round(GC.GetTotalPauseDuration().TotalMilliseconds, 3));
        json.WriteNumber("allocated_bytes", GC.GetTotalAllocatedBytes());
        json.WriteNumber("heap_bytes", GC.GetTotalMemory(false));
        json.WriteString("mode", $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, latency {System.Runtime.GCSettings.LatencyMode}");
        json.WriteEndObject();

        LogCounters log = d.Logs.Counters;
        json.WriteStartObject("log");
        json.WriteNumber("lines", log.LinesWritten);
        json.WriteNumber("bytes", log.BytesWritten);
        json.WriteNumber("dropped", log.Dropped);
        json.WriteNumber("truncated", log.Truncated);
        json.WriteNumber("sink_errors", log.SinkErrors);
        json.WriteEndObject();

        json.WriteStartArray("journals");
        foreach (FeedRuntime f in d.Feeds)
        {
            if (f.Journal is not { } j) continue;
            json.WriteStartObject();
            json.WriteString("feed", f.Name);
            json.WriteNumber("records", j.RecordsWritten);
            json.WriteNumber("bytes", j.BytesWritten);
            json.WriteNumber("segment", j.SegmentIndex);
            json.WriteNumber("dropped", j.Dropped);
            json.WriteString("fault", j.Fault?.Message ?? "");
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartObject("systemd");
        json.WriteBoolean("notify_socket", d.Notifier.Enabled);
        json.WriteNumber("sent", d.Notifier.Sent);
        json.WriteNumber("failed", d.Notifier.Failed);
        json.WriteNumber("watchdog_pings", d.Notifier.WatchdogPings);
        json.WriteNumber("stall_episodes", d.Housekeeping?.StallEpisodes ?? 0);
        json.WriteEndObject();

        if (d.Admin is { } admin)
        {
            var a = admin.Counters;
            json.WriteStartObject("admin");
            json.WriteNumber("connections", a.Connections);
            json.WriteNumber("active", a.ActiveConnections);
            json.WriteNumber("requests", a.Requests);
            json.WriteNumber("errors", a.Errors);
            json.WriteNumber("too_many_clients", a.RefusedTooManyClients);
            json.WriteNumber("forbidden", a.Forbidden);
            json.WriteNumber("rate_limited", a.RateLimited);
            json.WriteNumber("lines_too_long", a.LinesTooLong);
            json.WriteNumber("idle_timeouts", a.IdleTimeouts);
            json.WriteEndObject();
        }
    }
}
