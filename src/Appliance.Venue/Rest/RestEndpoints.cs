using System.Globalization;
using System.Text;
using System.Text.Json;
using Appliance.Venue.Market;
using Appliance.Venue.Streams;
using Microsoft.AspNetCore.Http;

namespace Appliance.Venue.Rest;

/// <summary>
/// The Binance REST calls a feed needs: <c>GET /api/v3/depth</c> (the snapshot for the documented
/// snapshot-plus-buffered-diffs procedure; its lastUpdateId is consistent with the diff streams), plus
/// <c>/api/v3/ping</c>, <c>/api/v3/time</c> and <c>/api/v3/exchangeInfo</c>.
/// </summary>
internal static class RestEndpoints
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public const int DefaultDepthLimit = 100;
    public const int MaxDepthLimit = 5000;

    public static async Task DepthAsync(HttpContext context, VenueRuntime venue)
    {
        string? symbol = context.Request.Query["symbol"];
        if (string.IsNullOrEmpty(symbol))
        {
            await ErrorAsync(context, -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
            return;
        }
        if (venue.Options.Replay is not null || !venue.Catalog.TryGetInstrument(symbol, out int instrument) ||
            !string.Equals(symbol, venue.Catalog.Instruments[instrument].Symbol, StringComparison.Ordinal))
        {
            await ErrorAsync(context, -1121, "Invalid symbol.");
            return;
        }
        int limit = DefaultDepthLimit;
        string? limitText = context.Request.Query["limit"];
        if (!string.IsNullOrEmpty(limitText))
        {
            if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit <= 0)
            {
                await ErrorAsync(context, -1100, "Illegal characters found in parameter 'limit'; legal range is '^[0-9]{1,20}$'.");
                return;
            }
            limit = Math.Min(limit, MaxDepthLimit); // Binance truncates larger limits to 5000
        }
        BookCopy book = await venue.Generator.GetBookAsync(instrument, limit);
        var json = new JsonBytes(64 * 1024);
        MarketMessages.Depth(json, book.Instrument, venue.Options.Decimals, book.LastUpdateId, book.BidPrices, book.BidQuantities, book.AskPrices, book.AskQuantities);
        await WriteJsonAsync(context, 200, json.Written.ToArray());
    }

    public static Task PingAsync(HttpContext context) => WriteJsonAsync(context, 200, "{}"u8.ToArray());

    public static Task TimeAsync(HttpContext context) =>
        WriteJsonAsync(context, 200, Encoding.ASCII.GetBytes($"{{\"serverTime\":{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}}}"));

    /// <summary>Symbols with their PRICE_FILTER tick and LOT_SIZE step, as a client would configure instruments.</summary>
    public static Task ExchangeInfoAsync(HttpContext context, VenueRuntime venue)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("timezone", "UTC");
            w.WriteNumber("serverTime", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            w.WriteStartArray("symbols");
            foreach (VenueInstrument i in venue.Catalog.Instruments)
            {
                var instrument = i.Instrument;
                w.WriteStartObject();
                w.WriteString("symbol", i.Symbol);
                w.WriteString("status", "TRADING");
                w.WriteNumber("pricePrecision", instrument.PriceScale);
                w.WriteNumber("quantityPrecision", instrument.QuantityScale);
                w.WriteStartArray("filters");
                w.WriteStartObject();
                w.WriteString("filterType", "PRICE_FILTER");
                w.WriteString("tickSize", Primitives.FixedPoint.FixedDecimal.ToString(instrument.TickSizeUnits, instrument.PriceScale));
                w.WriteEndObject();
                w.WriteStartObject();
                w.WriteString("filterType", "LOT_SIZE");
                w.WriteString("stepSize", Primitives.FixedPoint.FixedDecimal.ToString(instrument.LotSizeUnits, instrument.QuantityScale));
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return WriteJsonAsync(context, 200, stream.ToArray());
    }

    private static Task ErrorAsync(HttpContext context, int code, string message)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteNumber("code", code);
            w.WriteString("msg", message);
            w.WriteEndObject();
        }
        return WriteJsonAsync(context, 400, stream.ToArray());
    }

    internal static async Task WriteJsonAsync(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body);
    }
}
