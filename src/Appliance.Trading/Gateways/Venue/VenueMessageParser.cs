using System.Text.Json;
using Appliance.MarketData.Events;
using Appliance.MarketData.Instruments;
using Appliance.Primitives.FixedPoint;

namespace Appliance.Trading.Gateways.Venue;

/// <summary>
/// Reads one order-entry frame (docs/order-entry-protocol.md) with <see cref="Utf8JsonReader"/> into
/// <see cref="VenueMessage"/>s: an answer becomes one message (or one per list element and a ListEnd), a
/// notification one per element. Keys may come in any order: the top level is scanned first for the id
/// and the spans of result/error/params, then those are read. Decimal strings are converted at the
/// instrument's scales once its name is known. Never throws on bad input: it emits Unreadable.
/// </summary>
public static class VenueMessageParser
{
    public static void Parse<TSink>(ReadOnlySpan<byte> payload, InstrumentTable instruments, ref TSink sink) where TSink : IVenueMessageSink
    {
        try
        {
            ParseFrame(payload, instruments, ref sink);
        }
        catch (JsonException)
        {
            sink.Emit(new VenueMessage { Kind = VenueMessageKind.Unreadable, RequestId = -1 });
        }
        catch (InvalidOperationException)
        {
            sink.Emit(new VenueMessage { Kind = VenueMessageKind.Unreadable, RequestId = -1 });
        }
    }

    private static void ParseFrame<TSink>(ReadOnlySpan<byte> payload, InstrumentTable instruments, ref TSink sink) where TSink : IVenueMessageSink
    {
        var reader = new Utf8JsonReader(payload);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) { Unreadable(ref sink); return; }
        long id = -1;
        bool isSubscription = false;
        ReadOnlySpan<byte> result = default, error = default, parameters = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isId = reader.ValueTextEquals("id"u8), isResult = reader.ValueTextEquals("result"u8), isError = reader.ValueTextEquals("error"u8);
            bool isParams = reader.ValueTextEquals("params"u8), isMethod = reader.ValueTextEquals("method"u8);
            reader.Read();
            if (isId && reader.TokenType == JsonTokenType.Number) id = reader.GetInt64();
            else if (isMethod && reader.TokenType == JsonTokenType.String) isSubscription = reader.ValueTextEquals("subscription"u8);
            else if (isResult || isError || isParams)
            {
                int start = (int)reader.TokenStartIndex;
                reader.Skip();
                ReadOnlySpan<byte> span = payload[start..(int)reader.BytesConsumed];
                if (isResult) result = span; else if (isError) error = span; else parameters = span;
            }
            else reader.Skip();
        }

        if (!error.IsEmpty) { sink.Emit(new VenueMessage { Kind = VenueMessageKind.Error, RequestId = id, ErrorCode = ErrorCode(error) }); return; }
        if (isSubscription && !parameters.IsEmpty) { Notification(parameters, instruments, ref sink); return; }
        if (result.IsEmpty) { Unreadable(ref sink); return; }

        var r = new Utf8JsonReader(result);
        r.Read();
        if (r.TokenType == JsonTokenType.StartArray)
        {
            int count = 0;
            while (r.Read() && r.TokenType == JsonTokenType.StartObject)
            {
                VenueMessage m = ReadObject(ref r, instruments);
                m.Kind = m.Kind == VenueMessageKind.PositionItem ? VenueMessageKind.PositionItem : VenueMessageKind.OpenOrder;
                m.RequestId = id;
                sink.Emit(in m);
                count++;
            }
            sink.Emit(new VenueMessage { Kind = VenueMessageKind.ListEnd, RequestId = id, Count = count });
        }
        else if (r.TokenType == JsonTokenType.StartObject)
        {
            VenueMessage m = ReadObject(ref r, instruments);
            m.Kind = m.Kind == VenueMessageKind.OrderAnswer ? VenueMessageKind.OrderAnswer : VenueMessageKind.OtherAnswer;
            m.RequestId = id;
            sink.Emit(in m);
        }
        else sink.Emit(new VenueMessage { Kind = VenueMessageKind.OtherAnswer, RequestId = id });
    }

    private static void Notification<TSink>(ReadOnlySpan<byte> parameters, InstrumentTable instruments, ref TSink sink) where TSink : IVenueMessageSink
    {
        var r = new Utf8JsonReader(parameters);
        r.Read();
        VenueMessageKind kind = VenueMessageKind.None;
        ReadOnlySpan<byte> list = default;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            bool isChannel = r.ValueTextEquals("channel"u8), isList = r.ValueTextEquals("notification"u8);
            r.Read();
            if (isChannel && r.TokenType == JsonTokenType.String)
                kind = r.ValueTextEquals("orders"u8) ? VenueMessageKind.OrderUpdate : r.ValueTextEquals("trades"u8) ? VenueMessageKind.Trade : VenueMessageKind.None;
            else if (isList)
            {
                int start = (int)r.TokenStartIndex;
                r.Skip();
                list = parameters[start..(int)r.BytesConsumed];
            }
            else r.Skip();
        }
        if (kind == VenueMessageKind.None || list.IsEmpty) { Unreadable(ref sink); return; }
        var items = new Utf8JsonReader(list);
        items.Read();
        if (items.TokenType != JsonTokenType.StartArray) { Unreadable(ref sink); return; }
        while (items.Read() && items.TokenType == JsonTokenType.StartObject)
        {
            VenueMessage m = ReadObject(ref items, instruments);
            m.Kind = kind;
            m.RequestId = -1;
            sink.Emit(in m);
        }
    }

    /// <summary>Reads an order, trade or position object (the reader on its StartObject; left on its EndObject).</summary>
    private static VenueMessage ReadObject(ref Utf8JsonReader r, InstrumentTable instruments)
    {
        var m = new VenueMessage { InstrumentId = -1 };
        ReadOnlySpan<byte> price = default, amount = default, filled = default, average = default, position = default;
        bool isOrder = false, isPosition = false;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            ReadOnlySpan<byte> name = r.ValueSpan;
            r.Read();
            JsonTokenType t = r.TokenType;
            if (t is JsonTokenType.StartObject or JsonTokenType.StartArray) { r.Skip(); continue; }
            if (name.SequenceEqual("order_id"u8)) isOrder = true;
            else if (name.SequenceEqual("client_order_id"u8) && t == JsonTokenType.Number) m.ClientOrderId = r.GetInt64();
            else if (name.SequenceEqual("instrument_name"u8) && t == JsonTokenType.String)
                m.InstrumentId = !r.ValueIsEscaped && instruments.TryGetId(r.ValueSpan, out int iid) ? iid : -1;
            else if (name.SequenceEqual("direction"u8) && t == JsonTokenType.String) m.Side = r.ValueTextEquals("buy"u8) ? Side.Buy : r.ValueTextEquals("sell"u8) ? Side.Sell : Side.Unknown;
            else if (name.SequenceEqual("price"u8) && t == JsonTokenType.String) price = r.ValueSpan;
            else if (name.SequenceEqual("amount"u8) && t == JsonTokenType.String) amount = r.ValueSpan;
            else if (name.SequenceEqual("filled_amount"u8) && t == JsonTokenType.String) filled = r.ValueSpan;
            else if ((name.SequenceEqual("average_fill_price"u8) || name.SequenceEqual("average_price"u8)) && t == JsonTokenType.String) average = r.ValueSpan;
            else if (name.SequenceEqual("position"u8) && t == JsonTokenType.String) { position = r.ValueSpan; isPosition = true; }
            else if (name.SequenceEqual("status"u8) && t == JsonTokenType.String) m.Status = Status(ref r);
            else if (name.SequenceEqual("change_reason"u8) && t == JsonTokenType.String) m.Amended = r.ValueTextEquals("amend"u8);
            else if (name.SequenceEqual("duplicate"u8)) m.Duplicate = t == JsonTokenType.True;
            else if (name.SequenceEqual("trade_id"u8) && t == JsonTokenType.String) m.TradeId = TradeNumber(r.ValueSpan);
            else if (name.SequenceEqual("time"u8) && t == JsonTokenType.Number) m.TimeNs = r.GetInt64();
        }
        if (m.InstrumentId >= 0)
        {
            InstrumentScales scales = instruments.ScalesOf(m.InstrumentId);
            m.Price = Units(price, scales.PriceScale);
            m.Amount = Units(amount, scales.QuantityScale);
            m.Filled = Units(filled, scales.QuantityScale);
            m.AverageFillPrice4 = average.IsEmpty ? 0 : Units(average, scales.PriceScale + 4);
            m.Position = Units(position, scales.QuantityScale);
        }
        m.Kind = isPosition ? VenueMessageKind.PositionItem : isOrder ? VenueMessageKind.OrderAnswer : VenueMessageKind.OtherAnswer;
        return m;
    }

    private static VenueOrderStatus Status(ref Utf8JsonReader r) =>
        r.ValueTextEquals("open"u8) ? VenueOrderStatus.Open
        : r.ValueTextEquals("partially_filled"u8) ? VenueOrderStatus.PartiallyFilled
        : r.ValueTextEquals("filled"u8) ? VenueOrderStatus.Filled
        : r.ValueTextEquals("cancelled"u8) ? VenueOrderStatus.Cancelled
        : r.ValueTextEquals("rejected"u8) ? VenueOrderStatus.Rejected
        : r.ValueTextEquals("expired"u8) ? VenueOrderStatus.Expired
        : VenueOrderStatus.Unknown;

    /// <summary>"T9" → 9 (any non-digit prefix skipped); 0 when there is no number.</summary>
    private static long TradeNumber(ReadOnlySpan<byte> text)
    {
        long n = 0;
        foreach (byte b in text) if (b >= '0' && b <= '9') n = n * 10 + (b - '0');
        return n;
    }

    /// <summary>A decimal string in units of 10^-scale; digits beyond the scale are rounded half away from zero (average prices carry extra ones).</summary>
    public static long Units(ReadOnlySpan<byte> text, int scale)
    {
        if (text.IsEmpty) return 0;
        if (FixedDecimal.TryParse(text, Math.Min(scale, FixedDecimal.MaxScale), out long units) == FixedParseStatus.Ok) return units;
        int extra = Math.Min(FixedDecimal.MaxScale, scale + 6);
        if (FixedDecimal.TryParse(text, extra, out long fine) != FixedParseStatus.Ok) return 0;
        long divisor = FixedDecimal.Pow10(extra - scale);
        long half = divisor / 2;
        return fine >= 0 ? (fine + half) / divisor : -((-fine + half) / divisor);
    }

    private static int ErrorCode(ReadOnlySpan<byte> error)
    {
        var r = new Utf8JsonReader(error);
        r.Read();
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            bool isCode = r.ValueTextEquals("code"u8);
            r.Read();
            if (isCode && r.TokenType == JsonTokenType.Number && r.TryGetInt32(out int code)) return code;
            r.Skip();
        }
        return 0;
    }

    private static void Unreadable<TSink>(ref TSink sink) where TSink : IVenueMessageSink =>
        sink.Emit(new VenueMessage { Kind = VenueMessageKind.Unreadable, RequestId = -1 });
}
