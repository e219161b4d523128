using System.Runtime.CompilerServices;

namespace Appliance.Trading.Indicators;

/// <summary>
/// Wilder's relative strength index: the first average gain and loss are the simple averages of the first
/// <see cref="Period"/> changes, then each is smoothed as (previous × (n − 1) + current) / n. Ready after
/// Period changes (Period + 1 values). 100 when there were no losses, 50 when nothing moved.
/// </summary>
public sealed class Rsi
{
    private double _previous;
    private double _avgGain;
    private double _avgLoss;
    private double _gainSum;
    private double _lossSum;
    private int _changes;
    private bool _hasPrevious;

    public Rsi(int period = 14)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(period);
        Period = period;
    }

    public int Period { get; }

    public bool IsReady => _changes >= Period;

    public double AverageGain => _avgGain;
    public double AverageLoss => _avgLoss;

    public double Value
    {
        get
        {
            if (_avgLoss == 0) return _avgGain == 0 ? 50 : 100;
            return 100 - 100 / (1 + _avgGain / _avgLoss);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Update(double x)
    {
        if (!_hasPrevious)
        {
            _previous = x;
            _hasPrevious = true;
            return;
        }
        double change = x - _previous;
        _previous = x;
        double gain = change > 0 ? change : 0;
        double loss = change < 0 ? -change : 0;
        if (_changes >= Period)
        {
            _avgGain = (_avgGain * (Period - 1) + gain) / Period;
            _avgLoss = (_avgLoss * (Period - 1) + loss) / Period;
            return;
        }
        Seed(gain, loss);
    }

    private void Seed(double gain, double loss)
    {
        // Plain sums during warm-up; at the Period-th change their means are exactly Wilder's first averages.
        _changes++;
        _gainSum += gain;
        _lossSum += loss;
        _avgGain = _gainSum / _changes;
        _avgLoss = _lossSum / _changes;
    }

    public void Reset()
    {
        _previous = 0;
        _avgGain = 0;
        _avgLoss = 0;
        _gainSum = 0;
        _lossSum = 0;
        _changes = 0;
        _hasPrevious = false;
    }
}
