namespace Appliance.MarketData.Decoding;

/// <summary>Which fields a scan found, one bit each; a field present with a JSON type its key never has is not set.</summary>
[Flags]
internal enum BinanceField : uint
{
    None = 0,
    EventType = 1u << 0,        // "e"  string
    EventTime = 1u << 1,        // "E"  number
    Symbol = 1u << 2,           // "s"  string
    TradeId = 1u << 3,          // "t"  number
    Price = 1u << 4,            // "p"  string
    Quantity = 1u << 5,         // "q"  string
    TradeTime = 1u << 6,        // "T"  number
    BuyerIsMaker = 1u << 7,     // "m"  bool
    BestMatch = 1u << 8,        // "M"  bool
    AggTradeId = 1u << 9,       // "a"  number (aggTrade)
    AskPrice = 1u << 10,        // "a"  string (bookTicker)
    AskLevels = 1u << 11,       // "a"  array  (depthUpdate)
    BidPrice = 1u << 12,        // "b"  string (bookTicker)
    BidLevels = 1u << 13,       // "b"  array  (depthUpdate)
    BidQuantity = 1u << 14,     // "B"  string
    AskQuantity = 1u << 15,     // "A"  string
    FirstTradeId = 1u << 16,    // "f"  number
    LastTradeId = 1u << 17,     // "l"  number
    FirstUpdateId = 1u << 18,   // "U"  number
    LastUpdateId = 1u << 19,    // "u"  number
    SnapshotUpdateId = 1u << 20,// "lastUpdateId" number
    Bids = 1u << 21,            // "bids" array
    Asks = 1u << 22,            // "asks" array
    Stream = 1u << 23,          // "stream" string (combined-stream wrapper)
    Data = 1u << 24,            // "data"   object (combined-stream wrapper)
    Result = 1u << 25,          // "result" any
    RequestId = 1u << 26,       // "id" number (or string/null: present, value 0)
    ErrorCode = 1u << 27,       // "code" number
    ErrorMessage = 1u << 28,    // "msg" string
}
