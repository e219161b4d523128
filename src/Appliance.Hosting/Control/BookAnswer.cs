using Appliance.Admin.Commands;
using Appliance.Admin.Protocol;
using Appliance.Hosting.Daemon;
using Appliance.MarketData.Books;
using Appliance.MarketData.Events;
using Appliance.MarketData.Instruments;
using Appliance.Primitives.FixedPoint;

namespace Appliance.Hosting.Control;

/// <summary>`book SYMBOL [DEPTH]`: a consistent copy of one book (through its sequence lock), best levels first, as a ladder.</summary>
public static class BookAnswer
{
    public const int DefaultDepth = 10;

    public static void Write(ApplianceDaemon d, AdminCommandContext ctx)
    {
        string symbol = ctx.Arguments.Required("SYMBOL");
        InstrumentTable instruments = d.Instruments ?? throw AdminException.Unavailable("instruments are not loaded yet");
        if (d.Strategy is not { } strategy) throw AdminException.Unavailable("the strategy thread is not running");
        int id = -1;
        for (int i = 0; i < instruments.Count; i++)
            if (string.Equals(instruments[i].Symbol, symbol, StringComparison.OrdinalIgnoreCase)
                || string.Equals(instruments[i].VenueSymbol, symbol, StringComparison.OrdinalIgnoreCase)) id = i;
        if (id < 0)
            throw AdminException.NotFound($"no instrument '{symbol}'; instruments: {string.Join(", ", Enumerable.Range(0, instruments.Count).Select(i => instruments[i].Symbol))}");

        OrderBook book = strategy.Books[id];
        int depth = ctx.Arguments.GetInt32("DEPTH", DefaultDepth, 1, book.Depth);
        var snapshot = new BookSnapshot(depth);
        if (!book.TryRead(snapshot)) throw AdminException.Unavailable($"{symbol}: the book changed too fast to copy; try again");

        Instrument x = instruments[id];
        var json = ctx.Json;
        json.WriteString("symbol", x.Symbol);
        json.WriteString("venue_symbol", x.VenueSymbol);
        json.WriteNumber("last_update_id", snapshot.LastUpdateId);
        json.WriteNumber("version", snapshot.Version);
        json.WriteBoolean("truncated", snapshot.Truncated);
        json.WriteNumber("bid_levels", book.BidCount);
        json.WriteNumber("ask_levels", book.AskCount);
        if (snapshot.BidCount > 0 && snapshot.AskCount > 0)
        {
            json.WriteString("best_bid", Px(snapshot.Bids[0].Price, x));
            json.WriteString("best_ask", Px(snapshot.Asks[0].Price, x));
            json.WriteString("spread", Px(snapshot.Asks[0].Price - snapshot.Bids[0].Price, x));
        }
        long last = strategy.Books.LastTradePrice(id);
        if (last != 0) json.WriteString("last_trade", Px(last, x));
        json.WriteStartArray("levels");
        for (int i = 0; i < Math.Max(snapshot.BidCount, snapshot.AskCount); i++)
        {
            json.WriteStartObject();
            json.WriteString("bid_qty", i < snapshot.BidCount ? Qty(snapshot.Bids[i], x) : "");
            json.WriteString("bid", i < snapshot.BidCount ? Px(snapshot.Bids[i].Price, x) : "");
            json.WriteString("ask", i < snapshot.AskCount ? Px(snapshot.Asks[i].Price, x) : "");
            json.WriteString("ask_qty", i < snapshot.AskCount ? Qty(snapshot.Asks[i], x) : "");
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    // Prices travel as strings: exact decimals, no binary floating point between the book and the operator.
    private static string Px(long units, Instrument x) => new Price(units, x.PriceScale).ToString();

    private static string Qty(BookLevel level, Instrument x) => new Quantity(level.Quantity, x.QuantityScale).ToString();
}
