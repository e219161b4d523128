using System.Text.Json;
using Appliance.Venue.Connections;
using Appliance.Venue.Faults;
using Appliance.Venue.Market;

namespace Appliance.Venue.Control;

/// <summary>The JSON of <c>GET /control/stats</c> and of the pause/resume/step answers.</summary>
internal static class StatsWriter
{
    public static void Write(Utf8JsonWriter w, VenueRuntime venue)
    {
        VenueOptions o = venue.Options;
        w.WriteStartObject();
        w.WriteStartObject("venue");
        w.WriteString("started", venue.StartedUtc);
        w.WriteNumber("uptime_s", Math.Round((DateTime.UtcNow - venue.StartedUtc).TotalSeconds, 3));
        w.WriteString("mode", o.Replay is null ? "random" : "replay");
        w.WriteNumber("seed", o.Seed);
        w.WriteNumber("rate", o.Rate);
        w.WriteNumber("depth_levels", o.DepthLevels);
        w.WriteString("depth_pace", o.DepthPace.ToString().ToLowerInvariant());
        w.WriteString("slow_consumer", o.SlowConsumer.ToString().ToLowerInvariant());
        w.WriteEndObject();

        w.WriteStartObject("generator");
        w.WriteBoolean("paused", venue.Generator.Paused);
        w.WriteNumber("steps", venue.Generator.Steps);
        w.WriteNumber("messages", venue.Log.Head);
        w.WriteNumber("blocked_waits", venue.Log.BlockedWaits);
        w.WriteNumber("market_time_ms", venue.Generator.MarketTimeNs / 1_000_000);
        w.WriteNumber("slow_consumer_drops", Interlocked.Read(ref venue.SlowConsumerDrops));
        w.WriteEndObject();

        venue.Replay?.WriteJson(w);

        w.WriteStartObject("symbols");
        for (int i = 0; i < venue.Catalog.Instruments.Count; i++)
        {
            (long update, long trade, long agg) = venue.Generator.IdsOf(i);
            w.WriteStartObject(venue.Catalog.Instruments[i].Symbol);
            w.WriteNumber("last_update_id", update);
            w.WriteNumber("last_trade_id", trade);
            w.WriteNumber("last_agg_trade_id", agg);
            w.WriteEndObject();
        }
        w.WriteEndObject();

        w.WriteStartArray("connections");
        foreach (IVenueConnection c in venue.Connections.All()) c.WriteJson(w);
        w.WriteEndArray();

        w.WriteStartArray("faults");
        foreach (FaultRecord f in venue.Faults.All) f.WriteJson(w);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteState(Utf8JsonWriter w, PauseState state)
    {
        w.WriteStartObject();
        w.WriteBoolean("paused", state.Paused);
        w.WriteNumber("steps", state.Steps);
        w.WriteNumber("messages", state.Messages);
        w.WriteStartObject("symbols");
        foreach (InstrumentIds ids in state.Instruments)
        {
            w.WriteStartObject(ids.Symbol);
            w.WriteNumber("last_update_id", ids.LastUpdateId);
            w.WriteNumber("last_trade_id", ids.LastTradeId);
            w.WriteNumber("last_agg_trade_id", ids.LastAggTradeId);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
