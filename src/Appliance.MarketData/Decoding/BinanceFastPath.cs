using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Appliance.MarketData.Events;
using Appliance.MarketData.Instruments;
using Appliance.Primitives.FixedPoint;

namespace Appliance.MarketData.Decoding;

/// <summary>
/// The first thing <see cref="BinanceDecoder"/> tries: match the exact byte layout Binance (and the venue
/// simulator) send for trade, aggTrade and bookTicker, raw or inside the combined-stream wrapper, key run
/// by key run in the venue's field order, and write the event the general path would write. It knows the
/// schema, so it needs no key lookup and no field table, and it resolves the instrument before the prices
/// (the symbol comes first) so decimals parse straight at the instrument's scales.
/// </summary>
/// <remarks>
/// It only ever says yes or "not mine": on any difference from the canonical layout (another field order,
/// whitespace, an escape, an extra or missing field, a sign, a leading zero or more than 18 digits in an
/// integer, an unknown symbol, a decimal outside the plain <c>digits[.digits]</c> form or with a digit the
/// scale cannot hold, trailing bytes) it returns <see cref="BinanceMessageType.Unknown"/>
/// before claiming a slot, and the general scan decodes or refuses the message exactly as it would have
/// without this class. So it never reports an error itself: every failure status and offset comes from
/// the general path. What it accepts, the general path accepts with the same values (the differential
/// tests in BinanceFastPathTests hold it to that), and events are written by the same
/// <see cref="BinanceEventWriter"/> methods.
/// </remarks>
internal static class BinanceFastPath
{
    /// <summary>Decodes <paramref name="p"/> if it is in a canonical layout; <see cref="BinanceMessageType.Unknown"/> (nothing claimed) if not.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static BinanceMessageType TryDecode<TSink>(ReadOnlySpan<byte> p, InstrumentTable instruments, long nanosPerTimeUnit,
        in DecodeContext context, ref TSink sink)
        where TSink : struct, IMarketEventSink
    {
        // Shortest message we handle is a bookTicker of ~70 bytes; this only keeps the index checks below in bounds.
        if (p.Length < 16 || p[0] != (byte)'{' || p[1] != (byte)'"') return BinanceMessageType.Unknown;
        return p[2] == (byte)'s'
            ? TryCombined(p, instruments, nanosPerTimeUnit, context, ref sink)
            : TryRaw(p, instruments, nanosPerTimeUnit, context, ref sink);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static BinanceMessageType TryRaw<TSink>(ReadOnlySpan<byte> p, InstrumentTable instruments, long nanosPerTimeUnit,
        in DecodeContext context, ref TSink sink)
        where TSink : struct, IMarketEventSink =>
        p[2] switch
        {
            (byte)'e' => p[6] == (byte)'t'
                ? TryTrade(p, instruments, nanosPerTimeUnit, context, ref sink)
                : TryAggTrade(p, instruments, nanosPerTimeUnit, context, ref sink),
            (byte)'u' => TryBookTicker(p, instruments, context, ref sink),
            _ => BinanceMessageType.Unknown,
        };

    /// <summary>
    /// {"stream":"&lt;name&gt;","data":&lt;message&gt;}: the name is not needed (every message taken here has a symbol),
    /// only checked to be a plain string; the message inside is matched as a raw one.
    /// </summary>
    private static BinanceMessageType TryCombined<TSink>(ReadOnlySpan<byte> p, InstrumentTable instruments, long nanosPerTimeUnit,
        in DecodeContext context, ref TSink sink)
        where TSink : struct, IMarketEventSink
    {
        var w = new Cursor(p);
        if (!w.Literal("{\"stream\":\""u8) || !w.PlainString(out _) || !w.Literal(",\"data\":"u8)) return BinanceMessageType.Unknown;
        if (w.Position >= p.Length || p[^1] != (byte)'}') return BinanceMessageType.Unknown;
        ReadOnlySpan<byte> data = p[w.Position..^1];
        if (data.Length < 16 || data[0] != (byte)'{' || data[1] != (byte)'"') return BinanceMessageType.Unknown;
        return TryRaw(data, instruments, nanosPerTimeUnit, context, ref sink);
    }

    // {"e":"trade","E":<int>,"s":"<sym>","t":<int>,"p":"<dec>","q":"<dec>",["b":<int>,"a":<int>,]"T":<int>,"m":<bool>,"M":<bool>}
    // The buyer and seller order ids ("b", "a") are in older Binance messages and the simulator's; they are not kept.
    private static BinanceMessageType TryTrade<TSink>(ReadOnlySpan<byte> p, InstrumentTable instruments, long nanosPerTimeUnit,
        in DecodeContext context, ref TSink sink)
        where TSink : struct, IMarketEventSink
    {
        var c = new Cursor(p);
        if (!c.Literal("{\"e\":\"trade\",\"E\":"u8) || !c.Integer(out long eventTime)) return BinanceMessageType.Unknown;
        if (!c.Literal(",\"s\":\""u8) || !c.Symbol(instruments, out int id)) return BinanceMessageType.Unknown;
        InstrumentScales scales = instruments.ScalesOf(id);
        if (!c.Literal(",\"t\":"u8) || !c.Integer(out long tradeId)) return BinanceMessageType.Unknown;
        if (!c.Literal(",\"p\":\""u8) || !c.Decimal(scales.PriceScale, out long price)) return BinanceMessageType.Unknown;
        if (!c.Literal(",\"q\":\""u8) || !c.Decimal(scales.QuantityScale, out long quantity)) return BinanceMessageType.Unknown;
        if (c.Literal(",\"b\":"u8) && (!c.Integer(out _) || !c.Literal(",\"a\":"u8) || !c.Integer(out _))) return BinanceMessageType.Unknown;
        if (!c.Literal(",\"T\":"u8) || !c.Integer(out long tradeTime)) return BinanceMessageType.Unknown;
        if (!c.Literal(",\"m\":"u8) || !c.Boolean(out bool buyerIsMaker)) return BinanceMessageType.Unknown;
        if (!c.Literal(",\"M\":"u8) || !c.Boolean(out bool bestMatch) || !c.LastByte((byte)'}')) return BinanceMessageType.Unknown;

        BinanceEventWriter.WriteTrade(ref sink, id, context, eventTime * nanosPerTimeUnit, tradeTime * nanosPerTimeUnit, price, quantity,
            buyerIsMaker, bestMatch, tradeId, tradeId, tradeId);
        return BinanceMessageType.Trade;
    }

    // {"e":"aggTrade","E":<int>,"s":"<sym>","a":<int>,"p":"<dec>","q":"<dec>","f":<int>,"l":<int>,"T":<int>,"m":<bool>,"M":<bool>}
    private static BinanceMessageType TryAggTrade<TSink>(ReadOnlySpan<byte> p, InstrumentTable instruments, long nanosPerTimeUnit,
        in DecodeContext context, ref TSink sink)
        where TSink : struct, IMarketEventSink
    {
        var c = new Cursor(p);
        if (!c.Literal("{\"e\":\"aggTrade\",\"E\":"u8) || !c.Integer(out long eventTime)) return BinanceMessageType.Unknown;
        if (!c.Literal(",\"s\":\""u8) || !c.Symbol(instruments, out int id)) return BinanceMessageType.Unknown;
        InstrumentScales scales = instruments.ScalesOf(id);
        if (!c.Literal(",\"a\":"u8) || !c.Integer(out long aggTradeId)) return BinanceMessageType.Unknown;
        if (!c.Literal(",\"p\":\""u8) || !c.Decimal(scales.PriceScale, out long price)) return BinanceMessageType.Unknown;
        if (!c.Literal(",\"q\":\""u8) || !c.Decimal(scales.QuantityScale, out long quantity)) return BinanceMessageType.Unknown;
        if (!c.Literal(",\"f\":"u8) || !c.Integer(out long firstTradeId)) return BinanceMessageType.Unknown;
        if (!c.Literal(",\"l\":"u8) || !c.Integer(out long lastTradeId)) return BinanceMessageType.Unknown;
        if (!c.Literal(",\"T\":"u8) || !c.Integer(out long tradeTime)) return BinanceMessageType.Unknown;
        if (!c.Literal(",\"m\":"u8) || !c.Boolean(out bool buyerIsMaker)) return BinanceMessageType.Unknown;
        if (!c.Literal(",\"M\":"u8) || !c.Boolean(out bool bestMatch) || !c.LastByte((byte)'}')) return BinanceMessageType.Unknown;

        BinanceEventWriter.WriteTrade(ref sink, id, context, eventTime * nanosPerTimeUnit, tradeTime * nanosPerTimeUnit, price, quantity,
            buyerIsMaker, bestMatch, aggTradeId, firstTradeId, lastTradeId);
        return BinanceMessageType.AggTrade;
    }

    // {"u":<int>,"s":"<sym>","b":"<dec>","B":"<dec>","a":"<dec>","A":"<dec>"} (spot: no event type, no event time)
    private static BinanceMessageType TryBookTicker<TSink>(ReadOnlySpan<byte> p, InstrumentTable instruments, in DecodeContext context, ref TSink sink)
        where TSink : struct, IMarketEventSink
    {
        var c = new Cursor(p);
        if (!c.Literal("{\"u\":"u8) || !c.Integer(out long updateId)) return BinanceMessageType.Unknown;
        if (!c.Literal(",\"s\":\""u8) || !c.Symbol(instruments, out int id)) return BinanceMessageType.Unknown;
        InstrumentScales scales = instruments.ScalesOf(id);
        if (!c.Literal(",\"b\":\""u8) || !c.Decimal(scales.PriceScale, out long bidPrice)) return BinanceMessageType.Unknown;
        if (!c.Literal(",\"B\":\""u8) || !c.Decimal(scales.QuantityScale, out long bidQuantity)) return BinanceMessageType.Unknown;
        if (!c.Literal(",\"a\":\""u8) || !c.Decimal(scales.PriceScale, out long askPrice)) return BinanceMessageType.Unknown;
        if (!c.Literal(",\"A\":\""u8) || !c.Decimal(scales.QuantityScale, out long askQuantity) || !c.LastByte((byte)'}'))
            return BinanceMessageType.Unknown;

        BinanceEventWriter.WriteBookTicker(ref sink, id, context, 0, updateId, bidPrice, bidQuantity, askPrice, askQuantity);
        return BinanceMessageType.BookTicker;
    }

    /// <summary>
    /// A position in the payload that only moves forward over what matched. Every method is all-or-nothing:
    /// false means the layout is not the canonical one (the cursor is then abandoned), never an error.
    /// </summary>
    private ref struct Cursor(ReadOnlySpan<byte> payload)
    {
        private readonly ReadOnlySpan<byte> _p = payload;
        private int _pos;

        public readonly int Position => _pos;

        /// <summary>The key run that must come next, e.g. <c>,"E":</c>; a constant, so the compare is a few wide loads.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Literal(ReadOnlySpan<byte> literal)
        {
            if (!_p[_pos..].StartsWith(literal)) return false;
            _pos += literal.Length;
            return true;
        }

        /// <summary>
        /// A non-negative integer of 1 to 18 digits without a leading zero (always fits a long). "0" alone
        /// is taken; "01", "1.5", "1e3" stop after the first digit run and fail the literal that must follow.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Integer(out long value)
        {
            ReadOnlySpan<byte> p = _p;
            int i = _pos;
            value = 0;
            if ((uint)i >= (uint)p.Length) return false;
            uint first = (uint)(p[i] - '0');
            if (first > 9) return false;
            if (first == 0)
            {
                _pos = i + 1;
                return true;
            }
            // An eight-at-a-time read (as for decimals) measured no faster here: the loop is not the bottleneck.
            ulong v = JsonScan.DigitRun(p, ref i);
            // 19 digits may still fit a long, but the general path's checked read decides that.
            if (i - _pos > 18) return false;
            value = (long)v;
            _pos = i;
            return true;
        }

        /// <summary>
        /// A decimal string (opening quote already taken) and its closing quote, read in one pass at
        /// <paramref name="scale"/>: <c>digits[.digits]</c> with no more than 18 digits once scaled, and
        /// nothing but zeros beyond the scale. Every such text is read by <see cref="FixedDecimal.TryParse(ReadOnlySpan{byte}, int, out long)"/>'s
        /// own fast path to the same value (the tests compare the two over every scale); for anything else
        /// (a sign, no integer digit, a digit the scale cannot hold, more digits, an escape) this says no, and
        /// the general path parses it with FixedDecimal and reports any error. One pass instead of finding
        /// the quote and then calling FixedDecimal: measured 92 → 68 ns on a bookTicker (four decimals).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Decimal(int scale, out long units)
        {
            ReadOnlySpan<byte> p = _p;
            int i = _pos;
            units = 0;
            ulong v = 0;
            uint d;
            while ((uint)i < (uint)p.Length && (d = (uint)(p[i] - '0')) <= 9)
            {
                v = v * 10 + d;
                i++;
            }
            int integerDigits = i - _pos;
            if (integerDigits == 0 || integerDigits + scale > 18 || (uint)i >= (uint)p.Length) return false;
            int decimals = 0;
            if (p[i] == (byte)'.')
            {
                i++;
                // Binance writes eight decimals: take them in one step when the scale keeps them all, or
                // keep the first `scale` of them when the rest are zeros.
                if (i + 8 <= p.Length && EightDigitValues(p, i, out ulong digits))
                {
                    if (scale >= 8)
                    {
                        v = v * 100_000_000 + Combine(digits);
                        decimals = 8;
                    }
                    else
                    {
                        if ((digits >> (scale * 8)) != 0) return false;
                        v = v * (ulong)FixedDecimal.Pow10(scale) + (scale == 0 ? 0 : Combine(digits << ((8 - scale) * 8)));
                        decimals = scale;
                    }
                    i += 8;
                }
                while ((uint)i < (uint)p.Length && (d = (uint)(p[i] - '0')) <= 9)
                {
                    if (decimals < scale)
                    {
                        v = v * 10 + d;
                        decimals++;
                    }
                    else if (d != 0)
                    {
                        return false;
                    }
                    i++;
                }
                if ((uint)i >= (uint)p.Length) return false;
            }
            if (p[i] != (byte)'"') return false;
            if (decimals < scale) v *= (ulong)FixedDecimal.Pow10(scale - decimals);
            units = (long)v;
            _pos = i + 1;
            return true;
        }

        /// <summary>A symbol string (opening quote already taken) that the table knows.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Symbol(InstrumentTable instruments, out int id)
        {
            id = -1;
            return PlainString(out ReadOnlySpan<byte> symbol) && instruments.TryGetId(symbol, out id);
        }

        /// <summary>
        /// String content (opening quote already taken) with no escape and no control byte, the same bytes
        /// the general scanner's string read would give, and the closing quote.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool PlainString(out ReadOnlySpan<byte> content)
        {
            ReadOnlySpan<byte> p = _p;
            int start = _pos;
            int i = start;
            content = default;
            while ((uint)i < (uint)p.Length)
            {
                byte b = p[i];
                if (b == (byte)'"') break;
                if (b < 0x20 || b == (byte)'\\') return false;
                i++;
            }
            if ((uint)i >= (uint)p.Length) return false;
            content = p[start..i];
            _pos = i + 1;
            return true;
        }

        /// <summary>
        /// The eight bytes at <paramref name="at"/>, each minus '0', if they are all ASCII digits; the first
        /// (most significant) digit in the lowest byte, as they lie in memory.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool EightDigitValues(ReadOnlySpan<byte> p, int at, out ulong digits)
        {
            ulong w = BinaryPrimitives.ReadUInt64LittleEndian(p.Slice(at, 8));
            digits = w - 0x3030303030303030UL;
            // Each byte is 0x30..0x39 when its high nibble is 3 and adding 6 does not carry into the high nibble.
            return ((w & 0xF0F0F0F0F0F0F0F0UL) | (((w + 0x0606060606060606UL) & 0xF0F0F0F0F0F0F0F0UL) >> 4)) == 0x3333333333333333UL;
        }

        /// <summary>Eight digit values (first digit in the lowest byte) to their number: pairs, then quads, then the eight.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong Combine(ulong digits)
        {
            digits = (digits * 10 + (digits >> 8)) & 0x00FF00FF00FF00FFUL;
            digits = (digits * 100 + (digits >> 16)) & 0x0000FFFF0000FFFFUL;
            return (digits * 10_000 + (digits >> 32)) & 0xFFFFFFFFUL;
        }

        /// <summary>
        /// A true or false literal. Without a branch on which: the buyer-is-maker flag is a coin toss per
        /// trade, so a branch on it would be mispredicted half the time.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Boolean(out bool value)
        {
            ReadOnlySpan<byte> p = _p;
            int i = _pos;
            value = false;
            // Every caller's literal is followed by more bytes ("}" at least), so five are there when it matches.
            if (i > p.Length - 5) return false;
            uint w = BinaryPrimitives.ReadUInt32LittleEndian(p.Slice(i, 4));
            bool isTrue = w == 0x65757274u;                           // "true"
            bool isFalse = (w == 0x736C6166u) & (p[i + 4] == (byte)'e'); // "fals" "e"
            value = isTrue;
            _pos = i + (isTrue ? 4 : 5);
            return isTrue | isFalse;
        }

        /// <summary><paramref name="b"/> and nothing after it.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly bool LastByte(byte b) => _pos == _p.Length - 1 && _p[_pos] == b;
    }
}
