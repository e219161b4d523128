using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Appliance.MarketData.Events;

namespace Appliance.MarketData.Books;

/// <summary>
/// An L2 book for one instrument: at most <see cref="Depth"/> levels a side, sorted best-first in
/// preallocated circular arrays (<see cref="BookSide"/>; level 0 is the best, so best bid/ask are O(1)). One writer thread (the strategy
/// thread) changes it without locks or allocation; readers on other threads take consistent copies
/// through a sequence lock (<see cref="TryRead"/>): the writer makes the version odd before a change
/// and even after, a reader copies and retries if the version moved or was odd.
/// Levels that would fall below <see cref="Depth"/> are dropped and the side is marked truncated: from
/// then on a delete can leave the book with fewer levels than the venue has, which is fine for trading
/// near the touch and is why snapshots for resync should be at least as deep as the book.
/// </summary>
public sealed class OrderBook
{
    private BookSide _bids;
    private BookSide _asks;
    private long _lastUpdateId;
    private bool _truncated;
    private SeqVersion _version;

    public OrderBook(int instrumentId, int depth)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(depth);
        InstrumentId = instrumentId;
        Depth = depth;
        _bids = new BookSide(depth, descending: true);
        _asks = new BookSide(depth, descending: false);
    }

    public int InstrumentId { get; }
    public int Depth { get; }

    // Writer-side views: only the writer thread may use these; other threads use TryRead.
    public int BidCount => _bids.Count;
    public int AskCount => _asks.Count;
    public bool IsTruncated => _truncated;
    public long LastUpdateId => _lastUpdateId;
    public long Version => Volatile.Read(ref _version.Value);

    /// <summary>Bid level <paramref name="index"/> from the best (writer thread).</summary>
    public BookLevel BidAt(int index) => (uint)index < (uint)_bids.Count ? _bids.At(index) : default;

    public BookLevel AskAt(int index) => (uint)index < (uint)_asks.Count ? _asks.At(index) : default;

    /// <summary>Best bid, or a zero level when the side is empty.</summary>
    public BookLevel BestBid
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _bids.Count > 0 ? _bids.At(0) : default;
    }

    public BookLevel BestAsk
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _asks.Count > 0 ? _asks.At(0) : default;
    }

    /// <summary>Sets one level (quantity 0 deletes it) and checks the book is not crossed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public BookUpdateResult ApplyLevel(Side side, long price, long quantity)
    {
        if (price <= 0 || quantity < 0) return BookUpdateResult.InvalidLevel;
        BeginWrite();
        bool dropped = side == Side.Buy ? _bids.Update(price, quantity) : _asks.Update(price, quantity);
        if (dropped) _truncated = true;
        EndWrite();
        return CheckCrossed();
    }

    /// <summary>
    /// Applies a depth diff or BBO event's levels (one write section for all of them) and records its last
    /// update id. A snapshot event replaces the book when <see cref="MarketEvent.Part"/> is 0 and adds
    /// to it for continuation parts.
    /// </summary>
    public BookUpdateResult Apply(in MarketEvent ev)
    {
        if (ev.Kind == MarketEventKind.DepthSnapshot && ev.Part == 0) return ApplySnapshot(ev.Bids, ev.Asks, ev.LastId);

        BookUpdateResult result = BookUpdateResult.Ok;
        bool dropped = false;
        BeginWrite();
        ReadOnlySpan<BookLevel> bids = ev.Bids;
        for (int i = 0; i < bids.Length; i++)
        {
            if (bids[i].Price <= 0 || bids[i].Quantity < 0) { result = BookUpdateResult.InvalidLevel; continue; }
            dropped |= _bids.Update(bids[i].Price, bids[i].Quantity);
        }
        ReadOnlySpan<BookLevel> asks = ev.Asks;
        for (int i = 0; i < asks.Length; i++)
        {
            if (asks[i].Price <= 0 || asks[i].Quantity < 0) { result = BookUpdateResult.InvalidLevel; continue; }
            dropped |= _asks.Update(asks[i].Price, asks[i].Quantity);
        }
        if (dropped) _truncated = true;
        _lastUpdateId = ev.LastId;
        EndWrite();
        return result != BookUpdateResult.Ok ? result : CheckCrossed();
    }

    /// <summary>Replaces the whole book. Levels must be best-first and strictly sorted; deeper than the book is truncated.</summary>
    public BookUpdateResult ApplySnapshot(ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks, long lastUpdateId)
    {
        BookUpdateResult valid = Validate(bids, descending: true);
        if (valid == BookUpdateResult.Ok) valid = Validate(asks, descending: false);

        BeginWrite();
        // Zero-quantity levels in a snapshot mean nothing; they are skipped rather than refusing the snapshot.
        bool bidsCut = _bids.Load(bids);
        bool asksCut = _asks.Load(asks);
        _truncated = bidsCut | asksCut;
        _lastUpdateId = lastUpdateId;
        EndWrite();
        return valid != BookUpdateResult.Ok ? valid : CheckCrossed();
    }

    public void Clear()
    {
        BeginWrite();
        _bids.Clear();
        _asks.Clear();
        _truncated = false;
        _lastUpdateId = 0;
        EndWrite();
    }

    /// <summary>Full integrity check (writer thread): both sides strictly sorted, positive, and not crossed.</summary>
    public BookUpdateResult CheckIntegrity()
    {
        Span<BookLevel> scratch = Depth <= 256 ? stackalloc BookLevel[Depth] : new BookLevel[Depth];
        int n = _bids.CopyTo(scratch, _bids.Start, _bids.Count);
        BookUpdateResult r = ValidateHeld(scratch[..n], descending: true);
        if (r != BookUpdateResult.Ok) return r;
        n = _asks.CopyTo(scratch, _asks.Start, _asks.Count);
        r = ValidateHeld(scratch[..n], descending: false);
        return r == BookUpdateResult.Ok ? CheckCrossed() : r;
    }

    /// <summary>
    /// Copies a consistent view into <paramref name="into"/> from any thread. Retries while the writer is
    /// mid-change; false only if <paramref name="maxAttempts"/> copies all raced a write.
    /// </summary>
    public bool TryRead(BookSnapshot into, int maxAttempts = 1000)
    {
        if (into.BidLevels.Length < Depth) throw new ArgumentException($"Snapshot depth {into.BidLevels.Length} is less than the book's {Depth}.", nameof(into));
        for (int attempt = 0; attempt < maxAttempts; attempt++)
        {
            long before = Volatile.Read(ref _version.Value);
            if ((before & 1) != 0)
            {
                Thread.SpinWait(1);
                continue;
            }
            // A racing read may see any start/count; CopyTo keeps every index in bounds, the version check discards it.
            int bids = _bids.CopyTo(into.BidLevels, _bids.Start, _bids.Count);
            int asks = _asks.CopyTo(into.AskLevels, _asks.Start, _asks.Count);
            long lastUpdateId = _lastUpdateId;
            bool truncated = _truncated;
            // Order the copies before the re-read of the version (load-load; free on x86, needed on ARM).
            Interlocked.MemoryBarrier();
            if (Volatile.Read(ref _version.Value) != before) continue;

            into.BidCount = bids;
            into.AskCount = asks;
            into.Version = before;
            into.LastUpdateId = lastUpdateId;
            into.Truncated = truncated;
            return true;
        }
        return false;
    }

    // Odd version: a change is in progress. The exchange is a full fence so no store of the change can be
    // seen before the odd version (store-store order; x86 gives it anyway, ARM does not).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void BeginWrite() => Interlocked.Exchange(ref _version.Value, _version.Value + 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EndWrite() => Volatile.Write(ref _version.Value, _version.Value + 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private BookUpdateResult CheckCrossed() =>
        _bids.Count > 0 && _asks.Count > 0 && _bids.At(0).Price >= _asks.At(0).Price ? BookUpdateResult.Crossed : BookUpdateResult.Ok;

    private static BookUpdateResult Validate(ReadOnlySpan<BookLevel> levels, bool descending)
    {
        for (int i = 0; i < levels.Length; i++)
        {
            if (levels[i].Price <= 0 || levels[i].Quantity < 0) return BookUpdateResult.InvalidLevel;
            if (i > 0 && (descending ? levels[i].Price >= levels[i - 1].Price : levels[i].Price <= levels[i - 1].Price))
                return BookUpdateResult.Unsorted;
        }
        return BookUpdateResult.Ok;
    }

    private static BookUpdateResult ValidateHeld(ReadOnlySpan<BookLevel> levels, bool descending)
    {
        foreach (BookLevel level in levels) if (level.Quantity <= 0) return BookUpdateResult.InvalidLevel;
        return Validate(levels, descending);
    }

    // The version on its own cache lines: readers spin on it, and it must not share a line with the sides.
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct SeqVersion
    {
        [FieldOffset(128)] public long Value;
    }
}
