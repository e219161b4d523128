using System.Runtime.CompilerServices;

namespace Appliance.Trading.Indicators;

/// <summary>
/// Volume-weighted average price since the session's anchor: Σ(price × quantity) / Σ quantity with
/// compensated sums. The owner calls <see cref="Reset"/> at each session start (the engine does, from its
/// session calendar and event time). Ready once any volume traded in the session.
/// </summary>
public sealed class SessionVwap
{
    private CompensatedSum _notional; // Mutable struct! Don't make this readonly.
    private CompensatedSum _volume;   // Mutable struct! Don't make this readonly.

    public bool IsReady => _volume.Value > 0;

    public double Value
    {
        get
        {
            double volume = _volume.Value;
            return volume > 0 ? _notional.Value / volume : 0;
        }
    }

    public double Volume => _volume.Value;

    /// <summary>Session start (event time, Unix ns) of the current anchor; 0 before the first reset.</summary>
    public long AnchorTimeNs { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Update(double price, double quantity)
    {
        if (quantity <= 0) return;
        _notional.Add(price * quantity);
        _volume.Add(quantity);
    }

    public void Reset(long anchorTimeNs = 0)
    {
        _notional.Reset();
        _volume.Reset();
        AnchorTimeNs = anchorTimeNs;
    }
}
