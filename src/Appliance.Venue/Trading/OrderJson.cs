using System.Globalization;
using System.Text.Json;
using Appliance.Primitives.FixedPoint;
using Appliance.Venue.Market;

namespace Appliance.Venue.Trading;

/// <summary>The order, trade and position objects of docs/order-entry-protocol.md. Decimals are strings.</summary>
internal static class OrderJson
{
    public static string Direction(bool buy) => buy ? "buy" : "sell";

    public static string StatusName(OrderStatus status) => status switch
    {
        OrderStatus.Open => "open",
        OrderStatus.PartiallyFilled => "partially_filled",
        OrderStatus.Filled => "filled",
        OrderStatus.Cancelled => "cancelled",
        OrderStatus.Rejected => "rejected",
        _ => "expired",
    };

    public static void WriteOrder(Utf8JsonWriter w, Order o, VenueInstrument spec, bool duplicate = false)
    {
        int ps = spec.Instrument.PriceScale, qs = spec.Instrument.QuantityScale;
        w.WriteStartObject();
        w.WriteString("order_id", o.OrderId);
        w.WriteNumber("client_order_id", o.ClientOrderId);
        w.WriteString("instrument_name", spec.Symbol);
        w.WriteString("direction", Direction(o.Buy));
        w.WriteString("order_type", o.Market ? "market" : "limit");
        if (o.Market) w.WriteNull("price");
        else w.WriteString("price", FixedDecimal.ToString(o.Price, ps));
        w.WriteString("amount", FixedDecimal.ToString(o.Amount, qs));
        w.WriteString("filled_amount", FixedDecimal.ToString(o.Filled, qs));
        w.WriteString("remaining_amount", FixedDecimal.ToString(o.IsOpen ? o.Remaining : 0, qs));
        if (o.Filled == 0) w.WriteNull("average_fill_price");
        else w.WriteString("average_fill_price", Ratio(o.FilledNotional, o.Filled, ps));
        w.WriteString("time_in_force", o.ImmediateOrCancel ? "immediate_or_cancel" : "good_till_cancelled");
        w.WriteBoolean("post_only", o.PostOnly);
        w.WriteString("status", StatusName(o.Status));
        w.WriteString("change_reason", o.ChangeReason);
        w.WriteNumber("create_time", o.CreateTimeNs);
        w.WriteNumber("time", o.TimeNs);
        if (duplicate) w.WriteBoolean("duplicate", true);
        w.WriteEndObject();
    }

    public static void WriteTrade(Utf8JsonWriter w, string tradeId, Order o, VenueInstrument spec, long price, long quantity, decimal fee, bool maker, long timeNs)
    {
        w.WriteStartObject();
        w.WriteString("trade_id", tradeId);
        w.WriteString("order_id", o.OrderId);
        w.WriteNumber("client_order_id", o.ClientOrderId);
        w.WriteString("instrument_name", spec.Symbol);
        w.WriteString("direction", Direction(o.Buy));
        w.WriteString("price", FixedDecimal.ToString(price, spec.Instrument.PriceScale));
        w.WriteString("amount", FixedDecimal.ToString(quantity, spec.Instrument.QuantityScale));
        w.WriteString("fee", Format(fee, spec.Instrument.PriceScale + spec.Instrument.QuantityScale));
        w.WriteString("liquidity", maker ? "maker" : "taker");
        w.WriteNumber("time", timeNs);
        w.WriteEndObject();
    }

    public static void WritePosition(Utf8JsonWriter w, Position p, VenueInstrument spec)
    {
        int ps = spec.Instrument.PriceScale, qs = spec.Instrument.QuantityScale;
        decimal unit = QuantityUnit(spec);
        w.WriteStartObject();
        w.WriteString("instrument_name", spec.Symbol);
        w.WriteString("position", FixedDecimal.ToString(p.Quantity, qs));
        if (p.AveragePrice(unit) is { } average) w.WriteString("average_price", Format(average, ps + 4, ps));
        else w.WriteNull("average_price");
        w.WriteString("realized_pnl", Format(p.RealizedPnl, ps + qs));
        w.WriteString("fees", Format(p.Fees, ps + qs));
        w.WriteEndObject();
    }

    public static decimal QuantityUnit(VenueInstrument spec) => 1m / FixedDecimal.Pow10(spec.Instrument.QuantityScale);

    public static decimal PriceOf(long units, VenueInstrument spec) => units / (decimal)FixedDecimal.Pow10(spec.Instrument.PriceScale);

    /// <summary>notional / quantity as a price: exact at the price scale when it divides, else 4 more decimals (rounded).</summary>
    public static string Ratio(Int128 notional, long quantity, int priceScale)
    {
        Int128 q = notional / quantity;
        if (q * quantity == notional) return FixedDecimal.ToString((long)q, priceScale);
        Int128 scaled = (notional * 10_000 + quantity / 2) / quantity;
        return Format((decimal)(long)scaled / FixedDecimal.Pow10(priceScale + 4), priceScale + 4, priceScale);
    }

    /// <summary>Rounded to <paramref name="maxDecimals"/>, trailing zeros trimmed down to <paramref name="minDecimals"/>.</summary>
    public static string Format(decimal value, int maxDecimals, int minDecimals = 0)
    {
        decimal rounded = decimal.Round(value, Math.Min(maxDecimals, 28), MidpointRounding.AwayFromZero);
        string format = "0." + new string('0', minDecimals) + new string('#', Math.Max(0, maxDecimals - minDecimals));
        return rounded.ToString(minDecimals == 0 && maxDecimals == 0 ? "0" : format, CultureInfo.InvariantCulture);
    }
}
