using System.Runtime.CompilerServices;

namespace Appliance.MarketData.Decoding;

/// <summary>Key recognition and value assignment shared by both scanners, so they differ only in how they tokenize.</summary>
internal static class BinanceKeys
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static BinanceKey Identify(ReadOnlySpan<byte> key)
    {
        if (key.Length == 1)
        {
            return key[0] switch
            {
                (byte)'e' => BinanceKey.e,
                (byte)'E' => BinanceKey.E,
                (byte)'s' => BinanceKey.s,
                (byte)'t' => BinanceKey.t,
                (byte)'p' => BinanceKey.p,
                (byte)'q' => BinanceKey.q,
                (byte)'T' => BinanceKey.T,
                (byte)'m' => BinanceKey.m,
                (byte)'M' => BinanceKey.M,
                (byte)'a' => BinanceKey.a,
                (byte)'b' => BinanceKey.b,
                (byte)'B' => BinanceKey.B,
                (byte)'A' => BinanceKey.A,
                (byte)'f' => BinanceKey.f,
                (byte)'l' => BinanceKey.l,
                (byte)'U' => BinanceKey.U,
                (byte)'u' => BinanceKey.u,
                _ => BinanceKey.Unknown,
            };
        }
        return IdentifyLong(key);
    }

    private static BinanceKey IdentifyLong(ReadOnlySpan<byte> key)
    {
        switch (key.Length)
        {
            case 2: return key.SequenceEqual("id"u8) ? BinanceKey.Id : BinanceKey.Unknown;
            case 3: return key.SequenceEqual("msg"u8) ? BinanceKey.Msg : BinanceKey.Unknown;
            case 4:
                if (key.SequenceEqual("bids"u8)) return BinanceKey.Bids;
                if (key.SequenceEqual("asks"u8)) return BinanceKey.Asks;
                if (key.SequenceEqual("data"u8)) return BinanceKey.Data;
                if (key.SequenceEqual("code"u8)) return BinanceKey.Code;
                return BinanceKey.Unknown;
            case 6:
                if (key.SequenceEqual("stream"u8)) return BinanceKey.Stream;
                if (key.SequenceEqual("result"u8)) return BinanceKey.Result;
                return BinanceKey.Unknown;
            case 12: return key.SequenceEqual("lastUpdateId"u8) ? BinanceKey.LastUpdateId : BinanceKey.Unknown;
            default: return BinanceKey.Unknown;
        }
    }

    /// <summary>Keys whose numeric value is an integer id or time (parsed at once) rather than a decimal kept as text.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool WantsInteger(BinanceKey key) => key switch
    {
        BinanceKey.E or BinanceKey.T or BinanceKey.t or BinanceKey.a or BinanceKey.f or BinanceKey.l
            or BinanceKey.U or BinanceKey.u or BinanceKey.LastUpdateId or BinanceKey.Id or BinanceKey.Code => true,
        _ => false,
    };

    public static void SetString(ref BinanceFields f, BinanceKey key, TextSpan value)
    {
        switch (key)
        {
            case BinanceKey.e: f.EventType = value; f.Seen |= BinanceField.EventType; break;
            case BinanceKey.s: f.Symbol = value; f.Seen |= BinanceField.Symbol; break;
            case BinanceKey.p: f.Price = value; f.Seen |= BinanceField.Price; break;
            case BinanceKey.q: f.Quantity = value; f.Seen |= BinanceField.Quantity; break;
            case BinanceKey.b: f.BidPrice = value; f.Seen |= BinanceField.BidPrice; break;
            case BinanceKey.B: f.BidQuantity = value; f.Seen |= BinanceField.BidQuantity; break;
            case BinanceKey.a: f.AskPrice = value; f.Seen |= BinanceField.AskPrice; break;
            case BinanceKey.A: f.AskQuantity = value; f.Seen |= BinanceField.AskQuantity; break;
            case BinanceKey.Stream: f.Stream = value; f.Seen |= BinanceField.Stream; break;
            case BinanceKey.Msg: f.Seen |= BinanceField.ErrorMessage; break;
            // Binance also accepts alphanumeric request ids; we only send integers, so a string id is "present, 0".
            case BinanceKey.Id: f.RequestId = 0; f.Seen |= BinanceField.RequestId; break;
            case BinanceKey.Result: f.Seen |= BinanceField.Result; break;
        }
    }

    /// <summary>A bare JSON number where a decimal is expected ("p": 0.001): kept as text like a quoted one.</summary>
    public static void SetNumberText(ref BinanceFields f, BinanceKey key, TextSpan value)
    {
        switch (key)
        {
            case BinanceKey.p:
            case BinanceKey.q:
            case BinanceKey.B:
            case BinanceKey.A:
                SetString(ref f, key, value);
                break;
            case BinanceKey.Result:
                f.Seen |= BinanceField.Result;
                break;
            // "b" as a number is the legacy buyer order id of old trade messages: ignored.
        }
    }

    public static void SetInteger(ref BinanceFields f, BinanceKey key, long value)
    {
        switch (key)
        {
            case BinanceKey.E: f.EventTime = value; f.Seen |= BinanceField.EventTime; break;
            case BinanceKey.T: f.TradeTime = value; f.Seen |= BinanceField.TradeTime; break;
            case BinanceKey.t: f.TradeId = value; f.Seen |= BinanceField.TradeId; break;
            case BinanceKey.a: f.AggTradeId = value; f.Seen |= BinanceField.AggTradeId; break;
            case BinanceKey.f: f.FirstTradeId = value; f.Seen |= BinanceField.FirstTradeId; break;
            case BinanceKey.l: f.LastTradeId = value; f.Seen |= BinanceField.LastTradeId; break;
            case BinanceKey.U: f.FirstUpdateId = value; f.Seen |= BinanceField.FirstUpdateId; break;
            case BinanceKey.u: f.LastUpdateId = value; f.Seen |= BinanceField.LastUpdateId; break;
            case BinanceKey.LastUpdateId: f.SnapshotUpdateId = value; f.Seen |= BinanceField.SnapshotUpdateId; break;
            case BinanceKey.Id: f.RequestId = value; f.Seen |= BinanceField.RequestId; break;
            case BinanceKey.Code: f.ErrorCode = value; f.Seen |= BinanceField.ErrorCode; break;
        }
    }

    public static void SetBoolean(ref BinanceFields f, BinanceKey key, bool value)
    {
        switch (key)
        {
            case BinanceKey.m: f.BuyerIsMaker = value; f.Seen |= BinanceField.BuyerIsMaker; break;
            case BinanceKey.M: f.BestMatch = value; f.Seen |= BinanceField.BestMatch; break;
            case BinanceKey.Result: f.Seen |= BinanceField.Result; break;
        }
    }

    public static void SetNull(ref BinanceFields f, BinanceKey key)
    {
        switch (key)
        {
            case BinanceKey.Result: f.ResultIsNull = true; f.Seen |= BinanceField.Result; break;
            case BinanceKey.Id: f.RequestId = 0; f.Seen |= BinanceField.RequestId; break;
        }
    }

    /// <summary>Arrays: the whole value, brackets included, for the level reader to walk later.</summary>
    public static void SetArray(ref BinanceFields f, BinanceKey key, TextSpan value)
    {
        switch (key)
        {
            case BinanceKey.b: f.BidLevels = value; f.Seen |= BinanceField.BidLevels; break;
            case BinanceKey.a: f.AskLevels = value; f.Seen |= BinanceField.AskLevels; break;
            case BinanceKey.Bids: f.BidLevels = value; f.Seen |= BinanceField.Bids; break;
            case BinanceKey.Asks: f.AskLevels = value; f.Seen |= BinanceField.Asks; break;
            case BinanceKey.Result: f.Seen |= BinanceField.Result; break;
        }
    }
}
