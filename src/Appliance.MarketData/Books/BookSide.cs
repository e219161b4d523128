using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Appliance.MarketData.Events;

namespace Appliance.MarketData.Books;

/// <summary>
/// One side of a book: up to <c>depth</c> levels sorted best-first, stored as a circular array (a deque).
/// Most changes are near the touch, so an insert or delete moves the levels between the change and the
/// nearer end (usually the few better levels), never the whole side; when the side is full the worst
/// level falls off by shrinking the count. A plain best-first array would memmove the entire side on
/// every touch change of a deep book. Mutable struct: only ever used through a field of <see cref="OrderBook"/>.
/// </summary>
internal struct BookSide
{
    private readonly BookLevel[] _ring;
    private readonly int _mask;
    private readonly int _depth;
    private readonly bool _descending;
    private int _start;
    private int _count;

    public BookSide(int depth, bool descending)
    {
        _depth = depth;
        _descending = descending;
        int capacity = (int)BitOperations.RoundUpToPowerOf2((uint)depth);
        _ring = GC.AllocateArray<BookLevel>(capacity, pinned: true);
        _mask = capacity - 1;
    }

    public readonly int Count => _count;

    /// <summary>Level <paramref name="index"/> from the best (0 is the best).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly ref BookLevel At(int index) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_ring), (_start + index) & _mask);

    public void Clear()
    {
        _start = 0;
        _count = 0;
    }

    /// <summary>Sets, replaces or (quantity 0) deletes a level. Returns true when a level was dropped below the depth.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Update(long price, long quantity)
    {
        int n = _count;
        int i = Find(price);
        if (i < n && At(i).Price == price)
        {
            if (quantity != 0) At(i).Quantity = quantity;
            else Delete(i);
            return false;
        }
        // Deleting a level we do not hold is normal: it may be below our depth.
        if (quantity == 0) return false;
        if (i >= _depth) return true;
        bool dropped = false;
        if (n == _depth)
        {
            _count = --n; // the worst level falls off
            dropped = true;
        }
        Insert(i, new BookLevel(price, quantity));
        return dropped;
    }

    /// <summary>Copies best-first into <paramref name="destination"/>; returns how many.</summary>
    public readonly int CopyTo(Span<BookLevel> destination, int start, int count)
    {
        // start/count may come from a racing reader's reads; keep every index in bounds.
        count = Math.Min(Math.Min(count, _depth), destination.Length);
        for (int j = 0; j < count; j++) destination[j] = _ring[(start + j) & _mask];
        return count;
    }

    public readonly int Start => _start;

    /// <summary>Replaces the side with <paramref name="levels"/> (best-first), skipping zero quantities. True if some did not fit.</summary>
    public bool Load(ReadOnlySpan<BookLevel> levels)
    {
        _start = 0;
        int n = 0;
        foreach (BookLevel level in levels)
        {
            if (level.Quantity == 0) continue;
            if (n == _depth) { _count = n; return true; }
            _ring[n++] = level;
        }
        _count = n;
        return false;
    }

    // First index whose price is not better than price. Linear over the first levels (most changes are
    // near the touch), binary below.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly int Find(long price)
    {
        int count = _count;
        int lo = 0;
        int linear = Math.Min(count, 8);
        if (_descending)
        {
            for (; lo < linear; lo++) if (At(lo).Price <= price) return lo;
        }
        else
        {
            for (; lo < linear; lo++) if (At(lo).Price >= price) return lo;
        }
        int hi = count;
        while (lo < hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            long p = At(mid).Price;
            if (_descending ? p > price : p < price) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private void Insert(int i, BookLevel level)
    {
        int n = _count;
        Debug.Assert(n < _depth && i <= n);
        if (i <= n - i)
        {
            // Move the i better levels one slot back, into the slot before start.
            _start = (_start - 1) & _mask;
            for (int j = 0; j < i; j++) At(j) = At(j + 1);
        }
        else
        {
            for (int j = n; j > i; j--) At(j) = At(j - 1);
        }
        At(i) = level;
        _count = n + 1;
    }

    private void Delete(int i)
    {
        int n = _count;
        if (i < n - 1 - i)
        {
            for (int j = i; j > 0; j--) At(j) = At(j - 1);
            _start = (_start + 1) & _mask;
        }
        else
        {
            for (int j = i; j < n - 1; j++) At(j) = At(j + 1);
        }
        _count = n - 1;
    }
}
