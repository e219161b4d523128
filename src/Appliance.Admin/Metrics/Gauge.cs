namespace Appliance.Admin.Metrics;

/// <summary>A value that goes up and down, set from any thread (cold path).</summary>
public sealed class Gauge
{
    private long _bits;

    public double Value => BitConverter.Int64BitsToDouble(Volatile.Read(ref _bits));

    public void Set(double value) => Volatile.Write(ref _bits, BitConverter.DoubleToInt64Bits(value));

    public void Add(double amount)
    {
        long seen = Volatile.Read(ref _bits);
        while (true)
        {
            long next = BitConverter.DoubleToInt64Bits(BitConverter.Int64BitsToDouble(seen) + amount);
            long actual = Interlocked.CompareExchange(ref _bits, next, seen);
            if (actual == seen) return;
            seen = actual;
        }
    }

    public void Inc() => Add(1);

    public void Dec() => Add(-1);
}
