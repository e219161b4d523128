using System.Runtime.CompilerServices;
using Appliance.MarketData.Events;
using Appliance.MarketData.Instruments;
using Appliance.Primitives.Time;

namespace Appliance.MarketData.Decoding;

/// <summary>
/// Phase two of a decode, shared by both scanners: recognise the message from the fields found, check the
/// ones it requires, resolve the instrument, parse decimals at its scales, and fill events in place.
/// </summary>
internal static class BinanceEventWriter
{
    private const BinanceField TradeFields = BinanceField.Symbol | BinanceField.TradeId | BinanceField.Price | BinanceField.Quantity | BinanceField.BuyerIsMaker;
    private const BinanceField AggTradeFields = BinanceField.Symbol | BinanceField.AggTradeId | BinanceField.Price | BinanceField.Quantity
        | BinanceField.FirstTradeId | BinanceField.LastTradeId | BinanceField.BuyerIsMaker;
    private const BinanceField BookTickerFields = BinanceField.Symbol | BinanceField.LastUpdateId | BinanceField.BidPrice | BinanceField.BidQuantity
        | BinanceField.AskPrice | BinanceField.AskQuantity;
    private const BinanceField DepthUpdateFields = BinanceField.Symbol | BinanceField.FirstUpdateId | BinanceField.LastUpdateId
        | BinanceField.BidLevels | BinanceField.AskLevels;
    private const BinanceField PartialDepthFields = BinanceField.SnapshotUpdateId | BinanceField.Bids | BinanceField.Asks;

    public static DecodeResult Write<TLevels, TSink>(ReadOnlySpan<byte> payload, ref BinanceFields f, InstrumentTable instruments,
        long nanosPerTimeUnit, in DecodeContext context, ref TSink sink)
        where TLevels : ILevelReader
        where TSink : struct, IMarketEventSink
    {
        BinanceMessageType type = Recognise(payload, ref f);
        BinanceField required = type switch
        {
            BinanceMessageType.Trade => TradeFields,
            BinanceMessageType.AggTrade => AggTradeFields,
            BinanceMessageType.BookTicker => BookTickerFields,
            BinanceMessageType.DepthUpdate => DepthUpdateFields,
            BinanceMessageType.PartialDepth => PartialDepthFields,
            _ => BinanceField.None,
        };
        if (type == BinanceMessageType.Unknown)
            return DecodeResult.Fail(DecodeStatus.UnknownMessage, f.Has(BinanceField.EventType) ? f.EventType.Start : f.ObjectStart);
        if (!f.Has(required))
            return DecodeResult.Fail(DecodeStatus.MissingField, f.ObjectStart, 0, type);
        if (type == BinanceMessageType.RequestResponse)
            return WriteResponse(ref f, context, ref sink);

        DecodeStatus status = ResolveInstrument(payload, ref f, instruments, context, out int id, out int errorOffset);
        if (status != DecodeStatus.Ok) return DecodeResult.Fail(status, errorOffset, 0, type);
        InstrumentScales scales = instruments.ScalesOf(id);

        switch (type)
        {
            case BinanceMessageType.Trade:
            case BinanceMessageType.AggTrade:
            {
                status = JsonText.ParseDecimal(payload, f.Price, scales.PriceScale, out long price, out errorOffset);
                if (status != DecodeStatus.Ok) return DecodeResult.Fail(status, errorOffset, 0, type);
                status = JsonText.ParseDecimal(payload, f.Quantity, scales.QuantityScale, out long quantity, out errorOffset);
                if (status != DecodeStatus.Ok) return DecodeResult.Fail(status, errorOffset, 0, type);

                bool agg = type == BinanceMessageType.AggTrade;
                WriteTrade(ref sink, id, context, f.EventTime * nanosPerTimeUnit, f.TradeTime * nanosPerTimeUnit, price, quantity,
                    f.BuyerIsMaker, f.BestMatch, agg ? f.AggTradeId : f.TradeId, agg ? f.FirstTradeId : f.TradeId, agg ? f.LastTradeId : f.TradeId);
                return new DecodeResult(DecodeStatus.Ok, type, 1, 0);
            }
            case BinanceMessageType.BookTicker:
            {
                status = JsonText.ParseDecimal(payload, f.BidPrice, scales.PriceScale, out long bidPrice, out errorOffset);
                if (status != DecodeStatus.Ok) return DecodeResult.Fail(status, errorOffset, 0, type);
                status = JsonText.ParseDecimal(payload, f.BidQuantity, scales.QuantityScale, out long bidQty, out errorOffset);
                if (status != DecodeStatus.Ok) return DecodeResult.Fail(status, errorOffset, 0, type);
                status = JsonText.ParseDecimal(payload, f.AskPrice, scales.PriceScale, out long askPrice, out errorOffset);
                if (status != DecodeStatus.Ok) return DecodeResult.Fail(status, errorOffset, 0, type);
                status = JsonText.ParseDecimal(payload, f.AskQuantity, scales.QuantityScale, out long askQuantity, out errorOffset);
                if (status != DecodeStatus.Ok) return DecodeResult.Fail(status, errorOffset, 0, type);

                WriteBookTicker(ref sink, id, context, f.EventTime * nanosPerTimeUnit, f.LastUpdateId, bidPrice, bidQty, askPrice, askQuantity);
                return new DecodeResult(DecodeStatus.Ok, type, 1, 0);
            }
            default:
            {
                bool diff = type == BinanceMessageType.DepthUpdate;
                ref MarketEvent ev = ref Begin(ref sink, diff ? MarketEventKind.DepthDiff : MarketEventKind.DepthSnapshot, id, f.EventTime * nanosPerTimeUnit, context);
                ev.FirstId = diff ? f.FirstUpdateId : f.SnapshotUpdateId;
                ev.LastId = diff ? f.LastUpdateId : f.SnapshotUpdateId;
                var writer = new DepthWriter<TSink>(ref sink, ref ev, scales.PriceScale, scales.QuantityScale);
                status = TLevels.Read(payload, f.BidLevels, ref writer, out errorOffset);
                if (status == DecodeStatus.Ok)
                {
                    writer.BeginAsks();
                    status = TLevels.Read(payload, f.AskLevels, ref writer, out errorOffset);
                }
                if (status != DecodeStatus.Ok) return DecodeResult.Fail(status, errorOffset, writer.EventCount, type);
                writer.Finish();
                return new DecodeResult(DecodeStatus.Ok, type, writer.EventCount, 0);
            }
        }
    }

    private static BinanceMessageType Recognise(ReadOnlySpan<byte> payload, ref BinanceFields f)
    {
        if ((f.Seen & BinanceField.EventType) != 0)
        {
            return f.EventType.Escaped ? RecogniseEscaped(payload, f.EventType) : Classify(f.EventType.Of(payload));
        }
        if ((f.Seen & BinanceField.Result) != 0) return BinanceMessageType.RequestResponse;
        if (f.Has(BinanceField.ErrorCode | BinanceField.ErrorMessage)) return BinanceMessageType.RequestResponse;
        if ((f.Seen & BinanceField.SnapshotUpdateId) != 0) return BinanceMessageType.PartialDepth;
        // Spot bookTicker has no "e": it is the message with an update id and a best bid and offer.
        if ((f.Seen & (BinanceField.LastUpdateId | BinanceField.BidPrice)) == (BinanceField.LastUpdateId | BinanceField.BidPrice))
            return BinanceMessageType.BookTicker;
        return BinanceMessageType.Unknown;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static BinanceMessageType Classify(ReadOnlySpan<byte> e)
    {
        if (e.SequenceEqual("trade"u8)) return BinanceMessageType.Trade;
        if (e.SequenceEqual("aggTrade"u8)) return BinanceMessageType.AggTrade;
        if (e.SequenceEqual("depthUpdate"u8)) return BinanceMessageType.DepthUpdate;
        if (e.SequenceEqual("bookTicker"u8)) return BinanceMessageType.BookTicker;
        return BinanceMessageType.Unknown;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static BinanceMessageType RecogniseEscaped(ReadOnlySpan<byte> payload, TextSpan text)
    {
        Span<byte> buffer = stackalloc byte[JsonText.MaxUnescaped];
        return JsonText.TryUnescape(text.Of(payload), buffer, out int n) ? Classify(buffer[..n]) : BinanceMessageType.Unknown;
    }

    /// <summary>
    /// A trade or aggTrade event. Shared with <see cref="BinanceFastPath"/> so both paths lay out an event
    /// in one place, byte for byte.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteTrade<TSink>(ref TSink sink, int instrumentId, in DecodeContext context, long exchangeTimeNs, long transactionTimeNs,
        long price, long quantity, bool buyerIsMaker, bool bestMatch, long tradeId, long firstId, long lastId)
        where TSink : struct, IMarketEventSink
    {
        ref MarketEvent ev = ref Begin(ref sink, MarketEventKind.Trade, instrumentId, exchangeTimeNs, context);
        ev.TransactionTimeNs = transactionTimeNs;
        ev.Price = price;
        ev.Quantity = quantity;
        // "m": the buyer was the maker, so the seller took liquidity.
        ev.Aggressor = buyerIsMaker ? Side.Sell : Side.Buy;
        if (bestMatch) ev.Flags |= MarketEventFlags.BestMatch;
        ev.TradeId = tradeId;
        ev.FirstId = firstId;
        ev.LastId = lastId;
        ev.DecodeTimestamp = MonoClock.Now();
    }

    /// <summary>A bookTicker event: the best bid in level 0, the best ask in level 1. Shared with <see cref="BinanceFastPath"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteBookTicker<TSink>(ref TSink sink, int instrumentId, in DecodeContext context, long exchangeTimeNs, long updateId,
        long bidPrice, long bidQuantity, long askPrice, long askQuantity)
        where TSink : struct, IMarketEventSink
    {
        ref MarketEvent ev = ref Begin(ref sink, MarketEventKind.BestBidOffer, instrumentId, exchangeTimeNs, context);
        ev.FirstId = updateId;
        ev.LastId = updateId;
        ev.Levels[0] = new BookLevel(bidPrice, bidQuantity);
        ev.Levels[1] = new BookLevel(askPrice, askQuantity);
        ev.BidCount = 1;
        ev.AskCount = 1;
        ev.DecodeTimestamp = MonoClock.Now();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref MarketEvent Begin<TSink>(ref TSink sink, MarketEventKind kind, int instrumentId, long exchangeTimeNs, in DecodeContext context)
        where TSink : struct, IMarketEventSink
    {
        ref MarketEvent ev = ref sink.Claim();
        ev.ResetHeader();
        ev.Kind = kind;
        ev.InstrumentId = (ushort)instrumentId;
        ev.ConnectionId = context.ConnectionId;
        ev.ReceiveTimestamp = context.ReceiveTimestamp;
        ev.ExchangeTimeNs = exchangeTimeNs;
        return ref ev;
    }

    private static DecodeResult WriteResponse<TSink>(ref BinanceFields f, in DecodeContext context, ref TSink sink)
        where TSink : struct, IMarketEventSink
    {
        ref MarketEvent ev = ref sink.Claim();
        ev.ResetHeader();
        ev.Kind = MarketEventKind.Status;
        ev.InstrumentId = MarketEvent.NoInstrument;
        ev.ConnectionId = context.ConnectionId;
        ev.ReceiveTimestamp = context.ReceiveTimestamp;
        ev.TradeId = f.RequestId;
        if ((f.Seen & BinanceField.Result) != 0)
        {
            ev.Status = f.ResultIsNull ? FeedStatus.Subscribed : FeedStatus.RequestResult;
            ev.StatusDetail = f.RequestId;
        }
        else
        {
            ev.Status = FeedStatus.RequestRejected;
            ev.StatusDetail = f.ErrorCode;
        }
        ev.DecodeTimestamp = MonoClock.Now();
        return new DecodeResult(DecodeStatus.Ok, BinanceMessageType.RequestResponse, 1, 0);
    }

    private static DecodeStatus ResolveInstrument(ReadOnlySpan<byte> payload, ref BinanceFields f, InstrumentTable instruments,
        in DecodeContext context, out int id, out int errorOffset)
    {
        if ((f.Seen & BinanceField.Symbol) != 0)
        {
            errorOffset = f.Symbol.Start;
            bool found = f.Symbol.Escaped
                ? TryLookupEscaped(payload, f.Symbol, instruments, out id)
                : instruments.TryGetId(f.Symbol.Of(payload), out id);
            return found ? DecodeStatus.Ok : DecodeStatus.UnknownSymbol;
        }

        // Partial depth carries no symbol: the combined stream's name says it ("btcusdt@depth20@100ms"),
        // or, on a raw stream, the connection does.
        if ((f.Seen & BinanceField.Stream) != 0)
        {
            errorOffset = f.Stream.Start;
            ReadOnlySpan<byte> stream = f.Stream.Of(payload);
            int at = stream.IndexOf((byte)'@');
            if (f.Stream.Escaped || at <= 0) { id = -1; return DecodeStatus.UnknownSymbol; }
            return instruments.TryGetId(stream[..at], out id) ? DecodeStatus.Ok : DecodeStatus.UnknownSymbol;
        }

        errorOffset = f.ObjectStart;
        id = context.DefaultInstrumentId;
        return (uint)id < (uint)instruments.Count ? DecodeStatus.Ok : DecodeStatus.MissingField;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool TryLookupEscaped(ReadOnlySpan<byte> payload, TextSpan text, InstrumentTable instruments, out int id)
    {
        Span<byte> buffer = stackalloc byte[JsonText.MaxUnescaped];
        id = -1;
        return JsonText.TryUnescape(text.Of(payload), buffer, out int n) && instruments.TryGetId(buffer[..n], out id);
    }
}
