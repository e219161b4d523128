using Appliance.Venue.Market;

namespace Appliance.Venue.Streams;

/// <summary>
/// The Binance spot public payloads, field for field as Binance documents them
/// (binance-spot-api-docs web-socket-streams.md and rest-api.md). Times are milliseconds.
/// </summary>
internal static class MarketMessages
{
    /// <summary><c>{"e":"trade","E":..,"s":..,"t":..,"p":..,"q":..,"b":..,"a":..,"T":..,"m":..,"M":true}</c></summary>
    public static void Trade(JsonBytes j, VenueInstrument spec, int decimals, long eventTimeMs, long tradeId, long price, long quantity,
        long buyerOrderId, long sellerOrderId, bool buyerIsMaker)
    {
        j.Clear();
        j.Raw("{\"e\":\"trade\",\"E\":"u8);
        j.Long(eventTimeMs);
        j.Raw(",\"s\":"u8);
        j.AsciiString(spec.Symbol);
        j.Raw(",\"t\":"u8);
        j.Long(tradeId);
        j.Raw(",\"p\":"u8);
        j.Decimal(price, spec.Instrument.PriceScale, Math.Max(decimals, spec.Instrument.PriceScale));
        j.Raw(",\"q\":"u8);
        j.Decimal(quantity, spec.Instrument.QuantityScale, Math.Max(decimals, spec.Instrument.QuantityScale));
        j.Raw(",\"b\":"u8);
        j.Long(buyerOrderId);
        j.Raw(",\"a\":"u8);
        j.Long(sellerOrderId);
        j.Raw(",\"T\":"u8);
        j.Long(eventTimeMs);
        j.Raw(",\"m\":"u8);
        j.Bool(buyerIsMaker);
        j.Raw(",\"M\":true}"u8);
    }

    /// <summary><c>{"e":"aggTrade","E":..,"s":..,"a":..,"p":..,"q":..,"f":..,"l":..,"T":..,"m":..,"M":true}</c></summary>
    public static void AggTrade(JsonBytes j, VenueInstrument spec, int decimals, long eventTimeMs, long aggId, long price, long quantity,
        long firstTradeId, long lastTradeId, bool buyerIsMaker)
    {
        j.Clear();
        j.Raw("{\"e\":\"aggTrade\",\"E\":"u8);
        j.Long(eventTimeMs);
        j.Raw(",\"s\":"u8);
        j.AsciiString(spec.Symbol);
        j.Raw(",\"a\":"u8);
        j.Long(aggId);
        j.Raw(",\"p\":"u8);
        j.Decimal(price, spec.Instrument.PriceScale, Math.Max(decimals, spec.Instrument.PriceScale));
        j.Raw(",\"q\":"u8);
        j.Decimal(quantity, spec.Instrument.QuantityScale, Math.Max(decimals, spec.Instrument.QuantityScale));
        j.Raw(",\"f\":"u8);
        j.Long(firstTradeId);
        j.Raw(",\"l\":"u8);
        j.Long(lastTradeId);
        j.Raw(",\"T\":"u8);
        j.Long(eventTimeMs);
        j.Raw(",\"m\":"u8);
        j.Bool(buyerIsMaker);
        j.Raw(",\"M\":true}"u8);
    }

    /// <summary><c>{"u":..,"s":..,"b":..,"B":..,"a":..,"A":..}</c> (no event type or time, as at Binance spot).</summary>
    public static void BookTicker(JsonBytes j, VenueInstrument spec, int decimals, long updateId, long bidPrice, long bidQuantity, long askPrice, long askQuantity)
    {
        int ps = spec.Instrument.PriceScale, qs = spec.Instrument.QuantityScale;
        j.Clear();
        j.Raw("{\"u\":"u8);
        j.Long(updateId);
        j.Raw(",\"s\":"u8);
        j.AsciiString(spec.Symbol);
        j.Raw(",\"b\":"u8);
        j.Decimal(bidPrice, ps, Math.Max(decimals, ps));
        j.Raw(",\"B\":"u8);
        j.Decimal(bidQuantity, qs, Math.Max(decimals, qs));
        j.Raw(",\"a\":"u8);
        j.Decimal(askPrice, ps, Math.Max(decimals, ps));
        j.Raw(",\"A\":"u8);
        j.Decimal(askQuantity, qs, Math.Max(decimals, qs));
        j.Byte((byte)'}');
    }

    /// <summary><c>{"e":"depthUpdate","E":..,"s":..,"U":..,"u":..,"b":[[p,q],..],"a":[[p,q],..]}</c></summary>
    public static void DepthUpdate(JsonBytes j, VenueInstrument spec, int decimals, long eventTimeMs, LevelChanges changes)
    {
        j.Clear();
        j.Raw("{\"e\":\"depthUpdate\",\"E\":"u8);
        j.Long(eventTimeMs);
        j.Raw(",\"s\":"u8);
        j.AsciiString(spec.Symbol);
        j.Raw(",\"U\":"u8);
        j.Long(changes.FirstUpdateId);
        j.Raw(",\"u\":"u8);
        j.Long(changes.LastUpdateId);
        j.Raw(",\"b\":"u8);
        Levels(j, spec, decimals, changes.Bids);
        j.Raw(",\"a\":"u8);
        Levels(j, spec, decimals, changes.Asks);
        j.Byte((byte)'}');
    }

    /// <summary>Partial book depth and the REST snapshot: <c>{"lastUpdateId":..,"bids":[..],"asks":[..]}</c>.</summary>
    public static void Depth(JsonBytes j, VenueInstrument spec, int decimals, long lastUpdateId,
        ReadOnlySpan<long> bidPrices, ReadOnlySpan<long> bidQuantities, ReadOnlySpan<long> askPrices, ReadOnlySpan<long> askQuantities)
    {
        j.Clear();
        j.Raw("{\"lastUpdateId\":"u8);
        j.Long(lastUpdateId);
        j.Raw(",\"bids\":"u8);
        Levels(j, spec, decimals, bidPrices, bidQuantities);
        j.Raw(",\"asks\":"u8);
        Levels(j, spec, decimals, askPrices, askQuantities);
        j.Byte((byte)'}');
    }

    private static void Levels(JsonBytes j, VenueInstrument spec, int decimals, IReadOnlyList<(long Price, long Quantity)> levels)
    {
        int ps = spec.Instrument.PriceScale, qs = spec.Instrument.QuantityScale;
        j.Byte((byte)'[');
        for (int i = 0; i < levels.Count; i++)
        {
            if (i > 0) j.Byte((byte)',');
            j.Byte((byte)'[');
            j.Decimal(levels[i].Price, ps, Math.Max(decimals, ps));
            j.Byte((byte)',');
            j.Decimal(levels[i].Quantity, qs, Math.Max(decimals, qs));
            j.Byte((byte)']');
        }
        j.Byte((byte)']');
    }

    private static void Levels(JsonBytes j, VenueInstrument spec, int decimals, ReadOnlySpan<long> prices, ReadOnlySpan<long> quantities)
    {
        int ps = spec.Instrument.PriceScale, qs = spec.Instrument.QuantityScale;
        j.Byte((byte)'[');
        for (int i = 0; i < prices.Length; i++)
        {
            if (i > 0) j.Byte((byte)',');
            j.Byte((byte)'[');
            j.Decimal(prices[i], ps, Math.Max(decimals, ps));
            j.Byte((byte)',');
            j.Decimal(quantities[i], qs, Math.Max(decimals, qs));
            j.Byte((byte)']');
        }
        j.Byte((byte)']');
    }
}
