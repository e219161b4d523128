using System.Text.Json;
using System.Text.Json.Nodes;
using Appliance.Admin.Commands;
using Appliance.Admin.Protocol;
using Appliance.Hosting.Daemon;
using Appliance.Trading.Config;
using Appliance.Trading.Engine;
using Appliance.Trading.Engine.Snapshots;

namespace Appliance.Hosting.Control;

/// <summary>
/// `positions`, `orders`, `risk` and `gateway`: the trading engine's published snapshot (and the venue
/// gateway's status), registered only when the config has a trading section.
/// </summary>
public static class TradingCommands
{
    public static readonly AdminVerb Positions = new("positions", "", false, "Positions per instrument: quantity, average price, realized and unrealized P&L.");
    public static readonly AdminVerb Orders = new("orders", "", false, "Working orders: side, price, quantity, state.");
    public static readonly AdminVerb Risk = new("risk", "", false, "Trading state, limits in use, P&L, exposure, refusals by reason, breakers.");
    public static readonly AdminVerb Gateway = new("gateway", "", false, "The order gateway: connection, requests, the last reconciliation.");

    public static void Register(ApplianceDaemon d, TradingEngine engine, CommandRegistry registry)
    {
        registry.Register(Positions, ctx => Part(engine, ctx.Json, "positions"));
        registry.Register(Orders, ctx => Part(engine, ctx.Json, "orders"));
        registry.Register(Risk, ctx => Part(engine, ctx.Json, "risk"));
        registry.Register(Gateway, ctx =>
        {
            if (d.OrderGateway is not { } venue)
            {
                ctx.Json.WriteString("gateway", "paper");
                return;
            }
            var s = venue.Status;
            ctx.Json.WriteString("gateway", "venue");
            ctx.Json.WriteBoolean("connected", s.Connected);
            ctx.Json.WriteBoolean("ready", s.Ready);
            ctx.Json.WriteNumber("connects", s.Connects);
            ctx.Json.WriteNumber("disconnects", s.Disconnects);
            ctx.Json.WriteNumber("requests_sent", s.RequestsSent);
            ctx.Json.WriteNumber("rate_limited_by_venue", s.RateLimitedByVenue);
            ctx.Json.WriteNumber("resent_inserts", s.ResentInserts);
            ctx.Json.WriteNumber("reconciliations", s.Reconciliations);
            ctx.Json.WriteNumber("differences", s.Differences);
            ctx.Json.WriteStartArray("last_reconciliation");
            foreach (string line in s.LastReconciliation) ctx.Json.WriteStringValue(line);
            ctx.Json.WriteEndArray();
            if (s.LastError is not null) ctx.Json.WriteString("last_error", s.LastError);
        });
    }

    private static void Part(TradingEngine engine, Utf8JsonWriter json, string part)
    {
        TradingSnapshot snapshot = engine.ReadSnapshot() ?? throw AdminException.Unavailable("the trading engine is publishing; try again");
        JsonNode? node = JsonSerializer.SerializeToNode(snapshot, TradingJsonContext.Default.TradingSnapshot);
        json.WriteNumber("event_index", snapshot.EventIndex);
        json.WritePropertyName(part);
        (node?[part] ?? JsonValue.Create("none")!).WriteTo(json);
    }
}
