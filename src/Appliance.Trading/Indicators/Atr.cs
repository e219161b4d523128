using System.Runtime.CompilerServices;

namespace Appliance.Trading.Indicators;

/// <summary>
/// Wilder's average true range over bars: true range = max(high − low, |high − previous close|,
/// |low − previous close|) (high − low for the first bar); the first ATR is the mean of the first
/// <see cref="Period"/> true ranges, then ATR = (previous × (n − 1) + TR) / n.
/// </summary>
public sealed class Atr
{
    private double _previousClose;
    private double _value;
    private double _seedSum;
    private int _bars;

    public Atr(int period = 14)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(period);
        Period = period;
    }

    public int Period { get; }

    public bool IsReady => _bars >= Period;

    public double Value => _value;

    /// <summary>The true range of the last bar.</summary>
    public double TrueRange { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Update(double high, double low, double close)
    {
        double tr = high - low;
        if (_bars > 0)
        {
            double up = Math.Abs(high - _previousClose);
            double down = Math.Abs(low - _previousClose);
            if (up > tr) tr = up;
            if (down > tr) tr = down;
        }
        TrueRange = tr;
        _previousClose = close;
        if (_bars >= Period)
        {
            _value = (_value * (Period - 1) + tr) / Period;
            return;
        }
        _bars++;
        _seedSum += tr;
        _value = _seedSum / _bars;
    }

    public void Reset()
    {
        _previousClose = 0;
        _value = 0;
        _seedSum = 0;
        _bars = 0;
        TrueRange = 0;
    }
}
