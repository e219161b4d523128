using Appliance.MarketData.Events;

namespace Appliance.MarketData.Books;

/// <summary>
/// A consistent copy of an <see cref="OrderBook"/> taken by a reader thread; preallocated at the book's
/// depth and reused, so taking one allocates nothing.
/// </summary>
public sealed class BookSnapshot
{
    public BookSnapshot(int depth)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(depth);
        BidLevels = new BookLevel[depth];
        AskLevels = new BookLevel[depth];
    }

    internal readonly BookLevel[] BidLevels;
    internal readonly BookLevel[] AskLevels;

    public int BidCount { get; internal set; }
    public int AskCount { get; internal set; }
    /// <summary>The book's write version the copy was taken at (even; increases by 2 per change).</summary>
    public long Version { get; internal set; }
    public long LastUpdateId { get; internal set; }
    public bool Truncated { get; internal set; }

    public ReadOnlySpan<BookLevel> Bids => BidLevels.AsSpan(0, BidCount);
    public ReadOnlySpan<BookLevel> Asks => AskLevels.AsSpan(0, AskCount);
}
