using System.Runtime.CompilerServices;

namespace Appliance.Trading.Indicators;

/// <summary>
/// Simple moving average over the last <see cref="Period"/> values: a preallocated window and a compensated
/// running sum (add the new value, subtract the one leaving), so it is O(1) per update and does not drift.
/// </summary>
public sealed class Sma
{
    private readonly double[] _window;
    private CompensatedSum _sum; // Mutable struct! Don't make this readonly.
    private int _next;
    private int _count;

    public Sma(int period)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(period);
        Period = period;
        _window = new double[period];
    }

    public int Period { get; }

    /// <summary>The mean of the values in the window (fewer than <see cref="Period"/> before it is ready).</summary>
    public double Value => _count == 0 ? 0 : _sum.Value / _count;

    public bool IsReady => _count >= Period;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Update(double x)
    {
        if (_count == Period) _sum.Add(-_window[_next]);
        else _count++;
        _window[_next] = x;
        _sum.Add(x);
        if (++_next == Period) _next = 0;
    }

    public void Reset()
    {
        Array.Clear(_window);
        _sum.Reset();
        _next = 0;
        _count = 0;
    }
}
