using System.Runtime.CompilerServices;

namespace Appliance.Trading.Indicators;

/// <summary>
/// Exponential moving average with α = 2 / (period + 1), seeded with the simple average of the first
/// <see cref="Period"/> values (the textbook seed, so it agrees with published worked examples from the
/// first ready value on). O(1) per update, no allocation.
/// </summary>
public sealed class Ema
{
    private readonly double _alpha;
    private double _value;
    private double _seedSum;
    private int _seen;

    public Ema(int period)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(period);
        Period = period;
        _alpha = 2.0 / (period + 1);
    }

    public int Period { get; }

    /// <summary>The average; before <see cref="IsReady"/> it is the mean of the values seen so far.</summary>
    public double Value => _value;

    /// <summary>True once <see cref="Period"/> values have been seen.</summary>
    public bool IsReady => _seen >= Period;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Update(double x)
    {
        if (_seen >= Period)
        {
            _value += _alpha * (x - _value);
            return;
        }
        Seed(x);
    }

    private void Seed(double x)
    {
        _seen++;
        _seedSum += x;
        _value = _seedSum / _seen;
    }

    public void Reset()
    {
        _value = 0;
        _seedSum = 0;
        _seen = 0;
    }
}
