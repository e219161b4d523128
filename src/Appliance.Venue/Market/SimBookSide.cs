using System.Diagnostics;

namespace Appliance.Venue.Market;

/// <summary>
/// One side of the simulator's own book: price levels sorted worst → best in a gap buffer
/// (<c>[_start, _end)</c> of arrays with room on both ends), so changes at the touch move only the few levels
/// above them and the worst end grows or shrinks by moving an index. Deliberately not
/// <c>Appliance.MarketData.Books.OrderBook</c>: the simulator is the reference the client's book is checked
/// against, so it must not share its code. Generator thread only.
/// </summary>
internal sealed class SimBookSide
{
    private long[] _prices;
    private long[] _quantities;
    private int _start;
    private int _end;

    public SimBookSide(bool isBid, int depth)
    {
        IsBid = isBid;
        int capacity = Math.Max(64, depth * 2 + 64);
        _prices = new long[capacity];
        _quantities = new long[capacity];
        _start = _end = capacity / 2;
    }

    public bool IsBid { get; }

    public int Count => _end - _start;

    /// <summary>Price of the i-th level from the touch (0 = best).</summary>
    public long PriceAt(int i)
    {
        Debug.Assert((uint)i < (uint)Count);
        return _prices[_end - 1 - i];
    }

    public long QuantityAt(int i)
    {
        Debug.Assert((uint)i < (uint)Count);
        return _quantities[_end - 1 - i];
    }

    public long BestPrice => Count > 0 ? _prices[_end - 1] : 0;

    public long BestQuantity => Count > 0 ? _quantities[_end - 1] : 0;

    public long WorstPrice => Count > 0 ? _prices[_start] : 0;

    /// <summary>True when <paramref name="a"/> is a better price than <paramref name="b"/> on this side.</summary>
    public bool IsBetter(long a, long b) => IsBid ? a > b : a < b;

    /// <summary>The quantity at <paramref name="price"/>, 0 when there is no level.</summary>
    public long QuantityOf(long price)
    {
        int i = Search(price, out bool found);
        return found ? _quantities[i] : 0;
    }

    /// <summary>Sets a level's quantity; 0 deletes it (deleting a missing level does nothing). Returns true if the book changed.</summary>
    public bool Set(long price, long quantity)
    {
        int i = Search(price, out bool found);
        if (found)
        {
            if (quantity == 0) { RemoveAt(i); return true; }
            if (_quantities[i] == quantity) return false;
            _quantities[i] = quantity;
            return true;
        }
        if (quantity == 0) return false;
        InsertAt(i, price, quantity);
        return true;
    }

    /// <summary>Copies up to <paramref name="max"/> levels best-first.</summary>
    public int CopyTo(Span<long> prices, Span<long> quantities, int max)
    {
        int n = Math.Min(max, Count);
        for (int k = 0; k < n; k++)
        {
            prices[k] = _prices[_end - 1 - k];
            quantities[k] = _quantities[_end - 1 - k];
        }
        return n;
    }

    // Storage is ascending in "goodness": bids by price, asks by negated price. Returns the storage index of
    // the level, or where it would be inserted.
    private int Search(long price, out bool found)
    {
        int lo = _start, hi = _end - 1;
        // Most searches are for levels near the touch: look there first.
        for (int k = hi; k >= Math.Max(lo, hi - 7); k--)
        {
            long p = _prices[k];
            if (p == price) { found = true; return k; }
            if (IsBetter(price, p)) { found = false; return k + 1; }
            if (k == lo) { found = false; return lo; }
        }
        hi -= 8;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            long p = _prices[mid];
            if (p == price) { found = true; return mid; }
            if (IsBetter(price, p)) lo = mid + 1;
            else hi = mid - 1;
        }
        found = false;
        return lo;
    }

    private void InsertAt(int index, long price, long quantity)
    {
        // Move whichever part is shorter.
        if (_end - index <= index - _start)
        {
            if (_end == _prices.Length) index += Recenter();
            Array.Copy(_prices, index, _prices, index + 1, _end - index);
            Array.Copy(_quantities, index, _quantities, index + 1, _end - index);
            _end++;
        }
        else
        {
            if (_start == 0) index += Recenter();
            Array.Copy(_prices, _start, _prices, _start - 1, index - _start);
            Array.Copy(_quantities, _start, _quantities, _start - 1, index - _start);
            _start--;
            index--;
        }
        _prices[index] = price;
        _quantities[index] = quantity;
    }

    private void RemoveAt(int index)
    {
        if (_end - 1 - index <= index - _start)
        {
            Array.Copy(_prices, index + 1, _prices, index, _end - 1 - index);
            Array.Copy(_quantities, index + 1, _quantities, index, _end - 1 - index);
            _end--;
        }
        else
        {
            Array.Copy(_prices, _start, _prices, _start + 1, index - _start);
            Array.Copy(_quantities, _start, _quantities, _start + 1, index - _start);
            _start++;
        }
    }

    // Puts the live region back in the middle, growing the arrays when it fills more than half.
    // Returns how far the storage indices moved.
    private int Recenter()
    {
        int oldStart = _start;
        int count = Count;
        int capacity = _prices.Length;
        if (count * 2 + 16 > capacity) capacity *= 2;
        var prices = new long[capacity];
        var quantities = new long[capacity];
        int start = (capacity - count) / 2;
        Array.Copy(_prices, _start, prices, start, count);
        Array.Copy(_quantities, _start, quantities, start, count);
        _prices = prices;
        _quantities = quantities;
        _start = start;
        _end = start + count;
        return start - oldStart;
    }
}
