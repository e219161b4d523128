namespace Appliance.Trading.Bars;

/// <summary>What closes a bar: an interval in ns (time bars), a trade count (tick bars) or a volume in quantity units.</summary>
public readonly record struct BarSpec(BarKind Kind, long Size)
{
    public static BarSpec Time(TimeSpan interval) => new(BarKind.Time, interval.Ticks * 100);
    public static BarSpec Ticks(int trades) => new(BarKind.Tick, trades);
    public static BarSpec Volume(long quantityUnits) => new(BarKind.Volume, quantityUnits);

    public override string ToString() => Kind switch
    {
        BarKind.Time => $"time {TimeSpan.FromTicks(Size / 100)}",
        BarKind.Tick => $"{Size} trades",
        _ => $"volume {Size}",
    };
}
