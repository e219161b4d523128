using Appliance.MarketData.Books;
using Appliance.MarketData.Events;

namespace Appliance.Trading.Strategies;

/// <summary>Read-only view of an order book for a strategy (the strategy thread owns the book).</summary>
public readonly struct BookView
{
    private readonly OrderBook? _book;

    public BookView(OrderBook? book) => _book = book;

    public bool HasBook => _book is not null;
    public BookLevel BestBid => _book?.BestBid ?? default;
    public BookLevel BestAsk => _book?.BestAsk ?? default;
    public int BidCount => _book?.BidCount ?? 0;
    public int AskCount => _book?.AskCount ?? 0;
    public BookLevel BidAt(int index) => _book?.BidAt(index) ?? default;
    public BookLevel AskAt(int index) => _book?.AskAt(index) ?? default;

    /// <summary>Mid in price units, 0 when a side is empty.</summary>
    public long Mid
    {
        get
        {
            BookLevel bid = BestBid, ask = BestAsk;
            return bid.Price > 0 && ask.Price > 0 ? (bid.Price + ask.Price) / 2 : 0;
        }
    }
}
