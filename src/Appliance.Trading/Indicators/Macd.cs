using System.Runtime.CompilerServices;

namespace Appliance.Trading.Indicators;

/// <summary>
/// MACD: line = EMA(fast) − EMA(slow); signal = EMA(signal period) of the line, fed from the first value at
/// which the slow EMA is ready; histogram = line − signal. Ready when the signal is.
/// </summary>
public sealed class Macd
{
    private readonly Ema _fast;
    private readonly Ema _slow;
    private readonly Ema _signal;

    public Macd(int fastPeriod = 12, int slowPeriod = 26, int signalPeriod = 9)
    {
        if (fastPeriod >= slowPeriod)
            throw new ArgumentOutOfRangeException(nameof(fastPeriod), fastPeriod, $"The fast period must be shorter than the slow period ({slowPeriod}).");
        _fast = new Ema(fastPeriod);
        _slow = new Ema(slowPeriod);
        _signal = new Ema(signalPeriod);
    }

    public int FastPeriod => _fast.Period;
    public int SlowPeriod => _slow.Period;
    public int SignalPeriod => _signal.Period;

    public double Line => _fast.Value - _slow.Value;
    public double Signal => _signal.Value;
    public double Histogram => Line - _signal.Value;

    /// <summary>The line alone is meaningful once the slow EMA is ready.</summary>
    public bool IsLineReady => _slow.IsReady;

    public bool IsReady => _signal.IsReady;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Update(double x)
    {
        _fast.Update(x);
        _slow.Update(x);
        if (_slow.IsReady) _signal.Update(_fast.Value - _slow.Value);
    }

    public void Reset()
    {
        _fast.Reset();
        _slow.Reset();
        _signal.Reset();
    }
}
