using System.Runtime.CompilerServices;

namespace Appliance.MarketData.Feed;

/// <summary>
/// A block of 64-bit counters written by one thread (the feed thread) and read by any (housekeeping,
/// admin). The array carries 128 bytes of nothing before and after the counters, so the writer's lines
/// are never shared with another object's. Writes are volatile stores (plain on x64), reads volatile loads.
/// </summary>
public sealed class PaddedCounters
{
    private const int Pad = 16; // longs: 128 bytes

    private readonly long[] _values;

    public PaddedCounters(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        Count = count;
        _values = new long[Pad + count + Pad];
    }

    public int Count { get; }

    /// <summary>Writer thread only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Increment(int index)
    {
        ref long v = ref _values[Pad + index];
        Volatile.Write(ref v, v + 1);
    }

    /// <summary>Writer thread only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int index, long amount)
    {
        ref long v = ref _values[Pad + index];
        Volatile.Write(ref v, v + amount);
    }

    /// <summary>Writer thread only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(int index, long value) => Volatile.Write(ref _values[Pad + index], value);

    /// <summary>Writer thread only: raises the value to <paramref name="value"/> if it is higher.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Max(int index, long value)
    {
        ref long v = ref _values[Pad + index];
        if (value > v) Volatile.Write(ref v, value);
    }

    /// <summary>Any thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Read(int index) => Volatile.Read(ref _values[Pad + index]);
}
