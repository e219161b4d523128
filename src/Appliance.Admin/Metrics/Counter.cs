namespace Appliance.Admin.Metrics;

/// <summary>
/// A count that only goes up, for cold paths (interlocked). Hot threads keep their own single-writer
/// counters and publish them with a pull function instead (<see cref="MetricsRegistry.AddCounter(string, string, Func{double})"/>).
/// </summary>
public sealed class Counter
{
    private long _value;

    public long Value => Volatile.Read(ref _value);

    public void Inc() => Interlocked.Increment(ref _value);

    public void Add(long amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        Interlocked.Add(ref _value, amount);
    }
}
