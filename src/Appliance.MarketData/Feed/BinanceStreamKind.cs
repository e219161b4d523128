namespace Appliance.MarketData.Feed;

/// <summary>The Binance spot public streams a feed can subscribe to.</summary>
public enum BinanceStreamKind : byte
{
    Unknown = 0,
    /// <summary><c>sym@trade</c>: one message per trade, ids "t" consecutive per symbol.</summary>
    Trade,
    /// <summary><c>sym@aggTrade</c>: ids "a" consecutive per symbol.</summary>
    AggTrade,
    /// <summary><c>sym@bookTicker</c>: best bid/offer, "u" increasing (not consecutive: other symbols share the counter).</summary>
    BookTicker,
    /// <summary><c>sym@depth</c>, <c>sym@depth@100ms</c>: diffs with U/u continuity, resynced from the REST snapshot.</summary>
    DepthDiff,
    /// <summary><c>sym@depth5|10|20[@100ms]</c>: a top-N snapshot per message.</summary>
    PartialDepth,
}
