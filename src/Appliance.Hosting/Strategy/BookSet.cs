using System.Runtime.CompilerServices;
using Appliance.MarketData.Books;
using Appliance.MarketData.Events;
using Appliance.MarketData.Instruments;

namespace Appliance.Hosting.Strategy;

/// <summary>
/// The order books the strategy thread keeps, one per instrument, written only by that thread; other threads
/// read them through the books' sequence locks (`ctl book`). Depth diffs and snapshots build the L2 book; an
/// instrument with no depth stream gets its best bid and offer as a one-level book.
/// </summary>
public sealed class BookSet
{
    private readonly OrderBook[] _books;
    private readonly bool[] _hasDepth;
    private readonly bool[] _resyncAsked;
    private readonly long[] _lastTradePrice;
    private readonly Action<int>? _requestResync;
    private long _invalidUpdates;

    /// <param name="requestResync">Called (strategy thread, rarely) when a book stopped mirroring the venue; once until the feed reports Resynced.</param>
    public BookSet(InstrumentTable instruments, IReadOnlyList<int> depths, Action<int>? requestResync = null)
    {
        Instruments = instruments;
        _books = new OrderBook[instruments.Count];
        for (int i = 0; i < _books.Length; i++) _books[i] = new OrderBook(i, depths[i]);
        _hasDepth = new bool[_books.Length];
        _resyncAsked = new bool[_books.Length];
        _lastTradePrice = new long[_books.Length];
        _requestResync = requestResync;
    }

    public InstrumentTable Instruments { get; }

    public int Count => _books.Length;

    public OrderBook this[int instrumentId] => _books[instrumentId];

    /// <summary>Every book by instrument id, for a stage that reads them (the trading engine); only the strategy thread writes.</summary>
    public OrderBook?[] All => _books;

    /// <summary>Updates that left a book crossed, unsorted or invalid (each asks for a resync).</summary>
    public long InvalidUpdates => Volatile.Read(ref _invalidUpdates);

    /// <summary>Any thread: the last trade price of an instrument in its units (0: none yet).</summary>
    public long LastTradePrice(int instrumentId) => Volatile.Read(ref _lastTradePrice[instrumentId]);

    /// <summary>Strategy thread: applies an event to its instrument's book; returns the book (null for events about none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public OrderBook? Apply(ref MarketEvent ev)
    {
        int id = ev.InstrumentId;
        if ((uint)id >= (uint)_books.Length) return null;
        OrderBook book = _books[id];
        BookUpdateResult result;
        switch (ev.Kind)
        {
            case MarketEventKind.DepthDiff:
            case MarketEventKind.DepthSnapshot:
                _hasDepth[id] = true;
                result = book.Apply(in ev);
                break;
            case MarketEventKind.BestBidOffer:
                if (_hasDepth[id]) return book;
                result = book.ApplySnapshot(ev.Bids, ev.Asks, ev.LastId);
                break;
            case MarketEventKind.Trade:
                Volatile.Write(ref _lastTradePrice[id], ev.Price);
                return book;
            case MarketEventKind.Status:
                if (ev.Status == FeedStatus.Resynced) _resyncAsked[id] = false;
                return book;
            default:
                return book;
        }
        if (result != BookUpdateResult.Ok) Invalid(id, result);
        return book;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Invalid(int id, BookUpdateResult result)
    {
        Volatile.Write(ref _invalidUpdates, _invalidUpdates + 1);
        if (_resyncAsked[id] || !_hasDepth[id]) return;
        _resyncAsked[id] = true;
        _requestResync?.Invoke(id);
    }
}
