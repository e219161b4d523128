namespace Appliance.MarketData.Events;

public enum MarketEventKind : byte
{
    None = 0,
    /// <summary>One trade (or one aggregated taker order): <c>Price</c>, <c>Quantity</c>, <c>TradeId</c>, aggressor.</summary>
    Trade,
    /// <summary>Top of book: level 0 of the inline levels is the best bid, level 1 the best ask.</summary>
    BestBidOffer,
    /// <summary>Incremental book changes (quantity 0 deletes a level); ids <c>FirstId..LastId</c>.</summary>
    DepthDiff,
    /// <summary>A full replacement of the top of the book as of <c>LastId</c>.</summary>
    DepthSnapshot,
    /// <summary>Feed state for the strategy: <c>Status</c> and <c>StatusDetail</c>.</summary>
    Status,
}
