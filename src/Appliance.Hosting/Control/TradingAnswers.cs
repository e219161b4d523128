using System.Globalization;
using System.Text.Json;
using Appliance.Admin.Commands;
using Appliance.Admin.Protocol;
using Appliance.Hosting.Daemon;
using Appliance.Hosting.Strategy;
using Appliance.Trading.Config;
using Appliance.Trading.Engine.Snapshots;
using Appliance.Trading.Gateways.Venue;

namespace Appliance.Hosting.Control;

/// <summary>
/// `positions`, `orders [SYMBOL]`, `risk`, `gateway`: the trading engine's state as the strategy thread last published
/// it (a sequence-locked snapshot, copied on the admin thread). Read-only, and nothing here touches the
/// strategy thread or waits for it. Without a trading section they answer `unavailable`.
/// </summary>
public static class TradingAnswers
{
    public static readonly AdminVerb Positions = new("positions", "", false,
        "Position per instrument: quantity, average price, realized and unrealized P&L, last trade, touch, working quantity, feed health, exit.");
    public static readonly AdminVerb Orders = new("orders", "[SYMBOL]", false,
        "Working orders (all, or one instrument's): client id, side, state, origin, price, quantity, filled.");
    public static readonly AdminVerb Risk = new("risk", "", false,
        "Trading state (ACTIVE / REDUCING / HALTED) and why, day P&L, exposure against its limit, refusals by reason, the gateway, the shadow strategy.");
    public static readonly AdminVerb Gateway = new("gateway", "", false,
        "The order gateway: paper, or the venue session (connected, ready, requests, reconnects, the last reconciliation's differences, last error).");

    public static void Register(ApplianceDaemon d, CommandRegistry registry)
    {
        registry.Register(Positions, ctx => WritePositions(Read(d, out _), ctx.Json));
        registry.Register(Orders, ctx => WriteOrders(Read(d, out _), ctx.Arguments["SYMBOL"], ctx.Json));
        registry.Register(Risk, ctx =>
        {
            TradingSnapshot s = Read(d, out TradingStage stage);
            WriteRisk(s, d.Config.Risk, stage.Venue?.Status, ctx.Json);
        });
        registry.Register(Gateway, ctx =>
        {
            Read(d, out TradingStage stage);
            ctx.Json.WriteString("gateway", stage.Engine.Gateway.Name);
            if (stage.Venue is { } venue) WriteVenue(venue.Status, ctx.Json);
        });
    }

    private static TradingSnapshot Read(ApplianceDaemon d, out TradingStage stage)
    {
        if (!d.Config.TradingEnabled)
            throw AdminException.Unavailable("no trading engine: the configuration has no trading section (the strategy stage is pass-through)");
        stage = d.Trading ?? throw AdminException.Unavailable("the trading engine is not started yet");
        return stage.Snapshot() ?? throw AdminException.Unavailable("the trading state changed too fast to copy; try again");
    }

    private static void Header(TradingSnapshot s, Utf8JsonWriter json)
    {
        json.WriteString("state", s.Risk.State);
        json.WriteNumber("event", s.EventIndex);
        json.WriteString("event_time_utc", s.TimeNs <= 0 ? "" : DateTime.UnixEpoch.AddTicks(s.TimeNs / 100).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
    }

    public static void WritePositions(TradingSnapshot s, Utf8JsonWriter json)
    {
        Header(s, json);
        json.WriteNumber("day_pnl", Money(s.Risk.DailyPnl));
        json.WriteStartArray("positions");
        foreach (PositionRow p in s.Positions)
        {
            json.WriteStartObject();
            json.WriteString("symbol", p.Symbol);
            json.WriteNumber("quantity", p.Quantity);
            json.WriteNumber("avg_price", p.Quantity == 0 ? 0 : p.AveragePrice);
            json.WriteNumber("realized", Money(p.Realized));
            json.WriteNumber("unrealized", Money(p.Unrealized));
            json.WriteNumber("last", p.LastTrade);
            json.WriteNumber("bid", p.Bid);
            json.WriteNumber("ask", p.Ask);
            json.WriteNumber("working_buy", p.WorkingBuy);
            json.WriteNumber("working_sell", p.WorkingSell);
            json.WriteString("feed", p.Health);
            json.WriteString("exit", p.Exit ?? "");
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    public static void WriteOrders(TradingSnapshot s, string? symbol, Utf8JsonWriter json)
    {
        if (symbol is not null && !s.Positions.Any(p => string.Equals(p.Symbol, symbol, StringComparison.OrdinalIgnoreCase)))
            throw AdminException.NotFound($"no instrument '{symbol}'; instruments: {string.Join(", ", s.Positions.Select(p => p.Symbol))}");
        Header(s, json);
        var rows = s.Orders.Where(o => symbol is null || string.Equals(o.Symbol, symbol, StringComparison.OrdinalIgnoreCase)).ToList();
        json.WriteNumber("working", rows.Count);
        json.WriteStartArray("orders");
        foreach (OrderRow o in rows)
        {
            json.WriteStartObject();
            json.WriteNumber("client_id", o.ClientOrderId);
            json.WriteString("symbol", o.Symbol);
            json.WriteString("side", o.Side);
            json.WriteString("state", o.State);
            json.WriteString("origin", o.Origin);
            json.WriteString("tif", o.TimeInForce);
            json.WriteNumber("price", o.Price);
            json.WriteNumber("quantity", o.Quantity);
            json.WriteNumber("filled", o.Filled);
            json.WriteString("pending", o.CancelPending ? "cancel" : o.AmendPending ? "amend" : "");
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    public static void WriteRisk(TradingSnapshot s, RiskConfig limits, VenueGatewayStatus? venue, Utf8JsonWriter json)
    {
        RiskSnapshot r = s.Risk;
        Header(s, json);
        json.WriteString("cause", r.Cause);
        json.WriteString("halt_reason", r.HaltReason ?? "");
        json.WriteNumber("day_pnl", Money(r.DailyPnl));
        json.WriteNumber("realized", Money(r.Realized));
        json.WriteNumber("unrealized", Money(r.Unrealized));
        json.WriteNumber("daily_loss_limit", Money(r.DailyLossLimit));
        json.WriteNumber("exposure", Money(r.Exposure));
        json.WriteNumber("max_exposure", Money(r.MaxExposure));
        json.WriteNumber("open_orders", r.OpenOrders);
        json.WriteNumber("max_open_orders", limits.MaxOpenOrders);
        json.WriteNumber("consecutive_losses", r.ConsecutiveLosses);
        json.WriteNumber("max_consecutive_losses", limits.MaxConsecutiveLosses);
        json.WriteNumber("accepted", r.Accepted);
        json.WriteNumber("refused", r.Refusals.Values.Sum());
        json.WriteNumber("fills", r.Fills);
        json.WriteNumber("jump_alerts", r.JumpAlerts);
        json.WriteNumber("unknown_reports", r.UnknownReports);
        json.WriteNumber("decisions", r.Decisions);
        json.WriteNumber("decisions_dropped", r.DecisionsDropped);
        json.WriteString("gateway", r.Gateway);
        json.WriteStartObject("refusals");
        foreach (var (reason, count) in r.Refusals.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)) json.WriteNumber(reason, count);
        json.WriteEndObject();
        if (venue is { } v)
        {
            json.WriteStartObject("venue");
            WriteVenue(v, json);
            json.WriteEndObject();
        }
        if (r.Shadow is { } sh)
        {
            json.WriteStartObject("shadow");
            json.WriteString("strategy", sh.Strategy);
            json.WriteNumber("intents", sh.Intents);
            json.WriteNumber("divergences", sh.Divergences);
            json.WriteString("recent", string.Join("\n", sh.Recent));
            json.WriteEndObject();
        }
    }

    private static void WriteVenue(VenueGatewayStatus v, Utf8JsonWriter json)
    {
        json.WriteBoolean("connected", v.Connected);
        json.WriteBoolean("ready", v.Ready);
        json.WriteNumber("connects", v.Connects);
        json.WriteNumber("disconnects", v.Disconnects);
        json.WriteNumber("requests", v.RequestsSent);
        json.WriteNumber("rate_limited_by_venue", v.RateLimitedByVenue);
        json.WriteNumber("resent_inserts", v.ResentInserts);
        json.WriteNumber("reconciliations", v.Reconciliations);
        json.WriteNumber("differences", v.Differences);
        json.WriteString("last_error", v.LastError ?? "");
        json.WriteString("last_reconciliation", string.Join("\n", v.LastReconciliation));
    }

    private static double Money(double x) => double.IsFinite(x) ? Math.Round(x, 4) : 0;
}
