namespace Appliance.Trading.Bars;

/// <summary>
/// One closed (or forming) bar in fixed-point units of its instrument. Times are event times (Unix ns):
/// time bars span [OpenTimeNs, CloseTimeNs) aligned to the interval; tick and volume bars span from their
/// first trade's time to their last trade's time.
/// </summary>
public struct Bar
{
    public long OpenTimeNs;
    public long CloseTimeNs;
    public long Open;
    public long High;
    public long Low;
    public long Close;
    /// <summary>Traded quantity in quantity units.</summary>
    public long Volume;
    public int TradeCount;
    /// <summary>Bars closed before this one by the same aggregator (0 for the first).</summary>
    public long Index;

    public readonly bool IsEmpty => TradeCount == 0;

    public override readonly string ToString() =>
        $"#{Index} [{OpenTimeNs}..{CloseTimeNs}) O={Open} H={High} L={Low} C={Close} V={Volume} n={TradeCount}";
}
