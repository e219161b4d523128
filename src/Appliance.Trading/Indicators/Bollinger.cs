using System.Runtime.CompilerServices;

namespace Appliance.Trading.Indicators;

/// <summary>
/// Bollinger bands: the mean of the last <see cref="Period"/> values ± <see cref="Width"/> population
/// standard deviations. Mean and variance are kept with Welford's update, rolled when the window is full
/// (old value out, new value in) — never as Σx² − (Σx)²/n, which cancels catastrophically when the spread
/// is small against the price. Rounding in the rolled update still accumulates slowly, so once per window
/// turnover the moments are recomputed from the window (two passes over Period values): O(1) amortised,
/// and the error stays bounded however long the session runs.
/// </summary>
public sealed class Bollinger
{
    private readonly double[] _window;
    private double _mean;
    private double _m2; // Σ (x − mean)² over the window
    private int _next;
    private int _count;
    private int _sinceRecompute;

    public Bollinger(int period = 20, double width = 2.0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        Period = period;
        Width = width;
        _window = new double[period];
    }

    public int Period { get; }
    public double Width { get; }

    public bool IsReady => _count >= Period;

    public double Middle => _mean;

    /// <summary>Population variance of the window (what the bands use).</summary>
    public double Variance => _count == 0 ? 0 : _m2 / _count;

    public double StandardDeviation => Math.Sqrt(Variance);
    public double Upper => _mean + Width * StandardDeviation;
    public double Lower => _mean - Width * StandardDeviation;

    /// <summary>Where the last value sits in the band: 0 at the lower band, 1 at the upper (%b).</summary>
    public double PercentB(double x)
    {
        double width = Upper - Lower;
        return width == 0 ? 0.5 : (x - Lower) / width;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Update(double x)
    {
        if (_count == Period)
        {
            double old = _window[_next];
            _window[_next] = x;
            if (++_next == Period) _next = 0;
            double oldMean = _mean;
            _mean = oldMean + (x - old) / Period;
            _m2 += (x - old) * (x - _mean + old - oldMean);
            if (_m2 < 0) _m2 = 0;
            if (++_sinceRecompute == Period) Recompute();
            return;
        }
        Add(x);
    }

    private void Add(double x)
    {
        _window[_next] = x;
        if (++_next == Period) _next = 0;
        _count++;
        double delta = x - _mean;
        _mean += delta / _count;
        _m2 += delta * (x - _mean);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Recompute()
    {
        _sinceRecompute = 0;
        double sum = 0;
        for (int i = 0; i < _window.Length; i++) sum += _window[i];
        double mean = sum / Period;
        double m2 = 0, correction = 0;
        for (int i = 0; i < _window.Length; i++)
        {
            double d = _window[i] - mean;
            m2 += d * d;
            correction += d;
        }
        // The corrected two-pass formula: the second term removes the rounding left in the mean.
        _mean = mean + correction / Period;
        _m2 = m2 - correction * correction / Period;
        if (_m2 < 0) _m2 = 0;
    }

    public void Reset()
    {
        Array.Clear(_window);
        _mean = 0;
        _m2 = 0;
        _next = 0;
        _count = 0;
        _sinceRecompute = 0;
    }
}
