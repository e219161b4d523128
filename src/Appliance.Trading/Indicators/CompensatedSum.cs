using System.Runtime.CompilerServices;

namespace Appliance.Trading.Indicators;

/// <summary>
/// A running sum with Neumaier's compensation: adding and removing millions of values leaves an error of a
/// few ulps of the largest term instead of growing with the number of updates, which is what lets the
/// rolling indicators stay O(1) without ever re-summing their window.
/// </summary>
internal struct CompensatedSum
{
    private double _sum;
    private double _compensation;

    public readonly double Value => _sum + _compensation;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double x)
    {
        double t = _sum + x;
        // Whichever operand is larger in magnitude kept its low bits; recover the other's.
        _compensation += Math.Abs(_sum) >= Math.Abs(x) ? (_sum - t) + x : (x - t) + _sum;
        _sum = t;
    }

    public void Reset()
    {
        _sum = 0;
        _compensation = 0;
    }
}
