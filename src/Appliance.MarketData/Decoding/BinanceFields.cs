namespace Appliance.MarketData.Decoding;

/// <summary>
/// Phase one of a decode: every field of interest, located (strings) or parsed (integers, booleans), in
/// whatever order the venue sent them. Prices wait here as text because their scale depends on the
/// symbol, which may come later in the object. Filled by either scanner, read by <see cref="BinanceEventWriter"/>.
/// Mutable struct, lives on the stack.
/// </summary>
internal struct BinanceFields
{
    public BinanceField Seen;
    public bool ResultIsNull;
    public bool BuyerIsMaker;
    public bool BestMatch;

    public TextSpan EventType;
    public TextSpan Symbol;
    public TextSpan Price;
    public TextSpan Quantity;
    public TextSpan BidPrice;
    public TextSpan BidQuantity;
    public TextSpan AskPrice;
    public TextSpan AskQuantity;
    public TextSpan Stream;
    /// <summary>Array fields: the whole array value, brackets included.</summary>
    public TextSpan BidLevels;
    public TextSpan AskLevels;

    public long EventTime;
    public long TradeTime;
    public long TradeId;
    public long AggTradeId;
    public long FirstTradeId;
    public long LastTradeId;
    public long FirstUpdateId;
    public long LastUpdateId;
    public long SnapshotUpdateId;
    public long RequestId;
    public long ErrorCode;

    /// <summary>Offset of the first byte of the object, reported when a required field is missing.</summary>
    public int ObjectStart;

    public readonly bool Has(BinanceField fields) => (Seen & fields) == fields;
}
