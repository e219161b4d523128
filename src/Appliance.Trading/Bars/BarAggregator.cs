using System.Runtime.CompilerServices;

namespace Appliance.Trading.Bars;

/// <summary>
/// Builds bars from trades, O(1) per trade, no allocation. Time comes only from the events: a time bar
/// closes when a trade (or <see cref="OnTime"/>, called with any later event's time) falls at or past its
/// end. Intervals without trades produce no bar; the next bar starts at the interval of its first trade.
/// </summary>
public sealed class BarAggregator
{
    private Bar _current;
    private Bar _last;
    private long _closed;
    private bool _open;

    public BarAggregator(BarSpec spec)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(spec.Size, nameof(spec));
        Spec = spec;
    }

    public BarSpec Spec { get; }

    /// <summary>The bar being formed (meaningful when <see cref="HasOpenBar"/>).</summary>
    public ref readonly Bar Current => ref _current;

    /// <summary>The last closed bar (meaningful when <see cref="ClosedCount"/> &gt; 0).</summary>
    public ref readonly Bar Last => ref _last;

    public bool HasOpenBar => _open;

    public long ClosedCount => _closed;

    /// <summary>
    /// Adds a trade. Returns true when a bar closed: for time bars the previous bar, when this trade lies
    /// in a later interval (the trade then opens the next bar); for tick and volume bars the bar this
    /// trade completed. The closed bar is <paramref name="closed"/> (and <see cref="Last"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool OnTrade(long timeNs, long price, long quantity, out Bar closed)
    {
        if (Spec.Kind == BarKind.Time) return OnTimeTrade(timeNs, price, quantity, out closed);

        if (!_open) Open(timeNs, price);
        Extend(timeNs, price, quantity);
        bool complete = Spec.Kind == BarKind.Tick ? _current.TradeCount >= Spec.Size : _current.Volume >= Spec.Size;
        if (complete)
        {
            CloseCurrent(_current.CloseTimeNs);
            closed = _last;
            return true;
        }
        closed = default;
        return false;
    }

    /// <summary>Time bars: closes the open bar when <paramref name="timeNs"/> reached its end. Other kinds ignore time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool OnTime(long timeNs, out Bar closed)
    {
        if (Spec.Kind == BarKind.Time && _open && timeNs >= _current.CloseTimeNs)
        {
            CloseCurrent(_current.CloseTimeNs);
            closed = _last;
            return true;
        }
        closed = default;
        return false;
    }

    private bool OnTimeTrade(long timeNs, long price, long quantity, out Bar closed)
    {
        bool didClose = false;
        closed = default;
        if (_open && timeNs >= _current.CloseTimeNs)
        {
            CloseCurrent(_current.CloseTimeNs);
            closed = _last;
            didClose = true;
        }
        if (!_open)
        {
            Open(timeNs, price);
            long start = timeNs - Mod(timeNs, Spec.Size);
            _current.OpenTimeNs = start;
            _current.CloseTimeNs = start + Spec.Size;
        }
        // A trade stamped before the bar's start (venue clocks are not strictly ordered across streams) still counts in it.
        _current.High = Math.Max(_current.High, price);
        _current.Low = Math.Min(_current.Low, price);
        _current.Close = price;
        _current.Volume += quantity;
        _current.TradeCount++;
        return didClose;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Mod(long x, long m)
    {
        long r = x % m;
        return r < 0 ? r + m : r;
    }

    private void Open(long timeNs, long price)
    {
        _current = default;
        _current.OpenTimeNs = timeNs;
        _current.CloseTimeNs = timeNs;
        _current.Open = price;
        _current.High = price;
        _current.Low = price;
        _current.Index = _closed;
        _open = true;
    }

    private void Extend(long timeNs, long price, long quantity)
    {
        if (price > _current.High) _current.High = price;
        if (price < _current.Low) _current.Low = price;
        _current.Close = price;
        _current.Volume += quantity;
        _current.TradeCount++;
        if (timeNs > _current.CloseTimeNs) _current.CloseTimeNs = timeNs;
    }

    private void CloseCurrent(long closeTimeNs)
    {
        _current.CloseTimeNs = closeTimeNs;
        _last = _current;
        _closed++;
        _open = false;
    }

    public void Reset()
    {
        _current = default;
        _last = default;
        _closed = 0;
        _open = false;
    }
}
