using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Appliance.MarketData.Events;

namespace Appliance.MarketData.Books;

/// <summary>
/// An L2 book for one instrument: at most <see cref="Depth"/> levels a side, sorted best-first in
/// preallocated arrays (level 0 is the best, so best bid/ask are O(1)). One writer thread (the strategy
/// thread) changes it without locks or allocation; readers on other threads take consistent copies
/// through a sequence lock (<see cref="TryRead"/>): the writer makes the version odd before a change
/// and even after, a reader copies and retries if the version moved or was odd.
/// Levels that would fall below <see cref="Depth"/> are dropped and the side is marked truncated: from
/// then on a delete can leave the book with fewer levels than the venue has, which is fine for trading
/// near the touch and is why snapshots for resync should be at least as deep as the book.
/// </summary>
public sealed class OrderBook
{
    private readonly BookLevel[] _bids;
    private readonly BookLevel[] _asks;
    private int _bidCount;
    private int _askCount;
    private long _lastUpdateId;
    private bool _truncated;
    private SeqVersion _version;

    public OrderBook(int instrumentId, int depth)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(depth);
        InstrumentId = instrumentId;
        Depth = depth;
        _bids = GC.AllocateArray<BookLevel>(depth, pinned: true);
        _asks = GC.AllocateArray<BookLevel>(depth, pinned: true);
    }

    public int InstrumentId { get; }
    public int Depth { get; }

    // Writer-side views: only the writer thread may read these without TryRead.
    public int BidCount => _bidCount;
    public int AskCount => _askCount;
    public ReadOnlySpan<BookLevel> Bids => _bids.AsSpan(0, _bidCount);
    public ReadOnlySpan<BookLevel> Asks => _asks.AsSpan(0, _askCount);
    public bool IsTruncated => _truncated;
    public long LastUpdateId => _lastUpdateId;
    public long Version => Volatile.Read(ref _version.Value);

    /// <summary>Best bid, or a zero level when the side is empty.</summary>
    public BookLevel BestBid
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _bidCount > 0 ? _bids[0] : default;
    }

    public BookLevel BestAsk
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _askCount > 0 ? _asks[0] : default;
    }

    /// <summary>Sets one level (quantity 0 deletes it) and checks the book is not crossed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public BookUpdateResult ApplyLevel(Side side, long price, long quantity)
    {
        if (price <= 0 || quantity < 0) return BookUpdateResult.InvalidLevel;
        BeginWrite();
        if (side == Side.Buy) Update(_bids, ref _bidCount, descending: true, price, quantity);
        else Update(_asks, ref _askCount, descending: false, price, quantity);
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
        BeginWrite();
        ReadOnlySpan<BookLevel> bids = ev.Bids;
        for (int i = 0; i < bids.Length; i++)
        {
            if (bids[i].Price <= 0 || bids[i].Quantity < 0) { result = BookUpdateResult.InvalidLevel; continue; }
            Update(_bids, ref _bidCount, descending: true, bids[i].Price, bids[i].Quantity);
        }
        ReadOnlySpan<BookLevel> asks = ev.Asks;
        for (int i = 0; i < asks.Length; i++)
        {
            if (asks[i].Price <= 0 || asks[i].Quantity < 0) { result = BookUpdateResult.InvalidLevel; continue; }
            Update(_asks, ref _askCount, descending: false, asks[i].Price, asks[i].Quantity);
        }
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
        // Zero-quantity levels in a snapshot mean nothing; skip them rather than refuse the snapshot.
        _bidCount = CopyNonZero(bids, _bids, out bool bidsCut);
        _askCount = CopyNonZero(asks, _asks, out bool asksCut);
        _truncated = bidsCut | asksCut;
        _lastUpdateId = lastUpdateId;
        EndWrite();
        return valid != BookUpdateResult.Ok ? valid : CheckCrossed();
    }

    public void Clear()
    {
        BeginWrite();
        _bidCount = 0;
        _askCount = 0;
        _truncated = false;
        _lastUpdateId = 0;
        EndWrite();
    }

    /// <summary>Full integrity check (writer thread): both sides strictly sorted, positive, and not crossed.</summary>
    public BookUpdateResult CheckIntegrity()
    {
        BookUpdateResult r = Validate(Bids, descending: true);
        if (r == BookUpdateResult.Ok) r = Validate(Asks, descending: false);
        if (r == BookUpdateResult.Ok)
        {
            foreach (var l in Bids) if (l.Quantity <= 0) return BookUpdateResult.InvalidLevel;
            foreach (var l in Asks) if (l.Quantity <= 0) return BookUpdateResult.InvalidLevel;
        }
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
            // Counts are clamped: a torn read may see anything, and the copy must stay in bounds.
            int bids = Math.Min(Volatile.Read(ref _bidCount), Depth);
            int asks = Math.Min(Volatile.Read(ref _askCount), Depth);
            _bids.AsSpan(0, bids).CopyTo(into.BidLevels);
            _asks.AsSpan(0, asks).CopyTo(into.AskLevels);
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
        _bidCount > 0 && _askCount > 0 && _bids[0].Price >= _asks[0].Price ? BookUpdateResult.Crossed : BookUpdateResult.Ok;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Update(BookLevel[] levels, ref int count, bool descending, long price, long quantity)
    {
        int n = count;
        int i = Find(levels, n, descending, price);
        if (i < n && levels[i].Price == price)
        {
            if (quantity != 0)
            {
                levels[i].Quantity = quantity;
                return;
            }
            // Delete: close the gap.
            if (i < n - 1) Array.Copy(levels, i + 1, levels, i, n - 1 - i);
            count = n - 1;
            return;
        }
        // Deleting a level we do not hold is normal (Binance says so: it may be below our depth).
        if (quantity == 0) return;
        int depth = levels.Length;
        if (i >= depth)
        {
            _truncated = true;
            return;
        }
        if (n == depth)
        {
            _truncated = true;
            n--; // the worst level falls off
        }
        else
        {
            count = n + 1;
        }
        if (i < n) Array.Copy(levels, i, levels, i + 1, n - i);
        levels[i] = new BookLevel(price, quantity);
    }

    // First index whose price is not better than price: for bids the first <= price, for asks the first >= price.
    // Linear over the first few levels (most changes are near the touch), binary below.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Find(BookLevel[] levels, int count, bool descending, long price)
    {
        ref BookLevel first = ref MemoryMarshal.GetArrayDataReference(levels);
        int lo = 0;
        int linear = Math.Min(count, 8);
        if (descending)
        {
            for (; lo < linear; lo++) if (Unsafe.Add(ref first, lo).Price <= price) return lo;
        }
        else
        {
            for (; lo < linear; lo++) if (Unsafe.Add(ref first, lo).Price >= price) return lo;
        }
        int hi = count;
        while (lo < hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            long p = Unsafe.Add(ref first, mid).Price;
            bool better = descending ? p > price : p < price;
            if (better) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static int CopyNonZero(ReadOnlySpan<BookLevel> source, BookLevel[] destination, out bool cut)
    {
        int n = 0;
        cut = false;
        foreach (BookLevel level in source)
        {
            if (level.Quantity == 0) continue;
            if (n == destination.Length) { cut = true; break; }
            destination[n++] = level;
        }
        return n;
    }

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

    // The version on its own cache lines: readers spin on it, and it must not share a line with the counts.
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct SeqVersion
    {
        [FieldOffset(128)] public long Value;
    }
}
