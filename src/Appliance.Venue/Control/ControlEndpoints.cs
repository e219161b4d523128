using System.Globalization;
using System.Net;
using System.Text.Json;
using Appliance.Venue.Connections;
using Appliance.Venue.Faults;
using Appliance.Venue.Market;
using Appliance.Venue.Rest;
using Appliance.Venue.Streams;
using Microsoft.AspNetCore.Http;

namespace Appliance.Venue.Control;

/// <summary>
/// The control API, JSON over HTTP, answered only to loopback peers: the simulator's book, pause/resume/step,
/// stats with exactly what each fault did, and fault injection (docs/venue.md, "Control API").
/// </summary>
internal static class ControlEndpoints
{
    public static bool IsLoopback(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip);

    public static async Task BookAsync(HttpContext context, VenueRuntime venue)
    {
        string? symbol = context.Request.Query["symbol"];
        if (venue.Options.Replay is not null) { await ErrorAsync(context, 409, "replay mode keeps no book"); return; }
        if (string.IsNullOrEmpty(symbol) || !venue.Catalog.TryGetInstrument(symbol, out int instrument))
        {
            await ErrorAsync(context, 404, $"unknown symbol '{symbol}'");
            return;
        }
        BookCopy book = await venue.Generator.GetBookAsync(instrument, int.MaxValue);
        var json = new JsonBytes(128 * 1024);
        MarketMessages.Depth(json, book.Instrument, venue.Options.Decimals, book.LastUpdateId, book.BidPrices, book.BidQuantities, book.AskPrices, book.AskQuantities);
        // {"symbol":"BTCUSDT","lastUpdateId":...,"bids":[...],"asks":[...]}
        byte[] head = System.Text.Encoding.ASCII.GetBytes($"{{\"symbol\":\"{book.Instrument.Symbol}\",");
        byte[] body = new byte[head.Length + json.Length - 1];
        head.CopyTo(body, 0);
        json.Written[1..].CopyTo(body.AsSpan(head.Length));
        await RestEndpoints.WriteJsonAsync(context, 200, body);
    }

    public static async Task PauseAsync(HttpContext context, VenueRuntime venue)
    {
        if (venue.Replay is { } replay)
        {
            replay.Pause();
            await ReplayStateAsync(context, venue);
            return;
        }
        await WriteStateAsync(context, await venue.Generator.PauseAsync());
    }

    public static async Task ResumeAsync(HttpContext context, VenueRuntime venue)
    {
        if (venue.Replay is { } replay)
        {
            replay.Resume();
            await ReplayStateAsync(context, venue);
            return;
        }
        await WriteStateAsync(context, await venue.Generator.ResumeAsync());
    }

    private static Task ReplayStateAsync(HttpContext context, VenueRuntime venue) =>
        WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("paused", venue.Replay!.Paused);
            w.WriteNumber("messages", venue.Log.Head);
            venue.Replay.WriteJson(w);
            w.WriteEndObject();
        });

    public static async Task StepAsync(HttpContext context, VenueRuntime venue)
    {
        long count = 1;
        string? text = context.Request.Query["count"];
        if (!string.IsNullOrEmpty(text) && (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1 || count > 100_000_000))
        {
            await ErrorAsync(context, 400, $"count '{text}' must be an integer in [1, 100000000]");
            return;
        }
        if (venue.Replay is not null)
        {
            await ErrorAsync(context, 409, "step is for the random market; a replay is paced by its journal");
            return;
        }
        try
        {
            await WriteStateAsync(context, await venue.Generator.StepAsync(count));
        }
        catch (InvalidOperationException e)
        {
            await ErrorAsync(context, 409, e.Message);
        }
    }

    public static async Task FaultAsync(HttpContext context, VenueRuntime venue)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        FaultSpec spec;
        try
        {
            spec = FaultSpec.ParseJson(body.ToArray());
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            await ErrorAsync(context, 400, e.Message);
            return;
        }
        var targets = new List<IVenueConnection>();
        foreach (IVenueConnection c in venue.Connections.Open)
        {
            if (spec.Connection is { } id) { if (c.Id == id) targets.Add(c); }
            else if (spec.Tag is { } tag) { if (c.Tag == tag) targets.Add(c); }
            else if (c.Channel == spec.Channel) targets.Add(c);
        }
        if (targets.Count == 0)
        {
            await ErrorAsync(context, 404, spec.Connection is { } id ? $"no open connection {id}" : spec.Tag is { } tag ? $"no open connection tagged '{tag}'" : $"no open {spec.Channel} connection");
            return;
        }
        var records = new List<FaultRecord>();
        foreach (IVenueConnection c in targets)
        {
            FaultRecord record = venue.Faults.Create(spec, c.Channel, c.Id);
            records.Add(record);
            c.Inject(record);
        }
        await WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("faults");
            foreach (FaultRecord r in records)
            {
                w.WriteStartObject();
                w.WriteNumber("id", r.Id);
                w.WriteNumber("connection", r.ConnectionId);
                w.WriteString("kind", FaultSpec.NameOf(r.Spec.Kind));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    public static async Task FaultByIdAsync(HttpContext context, VenueRuntime venue)
    {
        string? text = context.Request.RouteValues["id"]?.ToString();
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int id) || venue.Faults.Find(id) is not { } record)
        {
            await ErrorAsync(context, 404, $"no fault '{text}'");
            return;
        }
        await WriteAsync(context, 200, record.WriteJson);
    }

    public static Task ConnectionsAsync(HttpContext context, VenueRuntime venue) =>
        WriteAsync(context, 200, w =>
        {
            w.WriteStartArray();
            foreach (IVenueConnection c in venue.Connections.All()) c.WriteJson(w);
            w.WriteEndArray();
        });

    public static Task StatsAsync(HttpContext context, VenueRuntime venue) =>
        WriteAsync(context, 200, w => StatsWriter.Write(w, venue));

    private static Task WriteStateAsync(HttpContext context, PauseState state) =>
        WriteAsync(context, 200, w => StatsWriter.WriteState(w, state));

    internal static Task ErrorAsync(HttpContext context, int status, string message) =>
        WriteAsync(context, status, w =>
        {
            w.WriteStartObject();
            w.WriteString("error", message);
            w.WriteEndObject();
        });

    internal static Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })) write(w);
        return RestEndpoints.WriteJsonAsync(context, status, stream.ToArray());
    }
}
