using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Appliance.Primitives.Time;

/// <summary>
/// The one monotonic clock every stage stamps with. Ticks are <see cref="Stopwatch"/> ticks
/// (CLOCK_MONOTONIC through the vDSO on Linux, 1 tick = 1 ns there), so conversion to nanoseconds
/// is exact. See docs/clock.md for the candidates measured and why this one.
/// </summary>
public static class MonoClock
{
    /// <summary>Ticks per second.</summary>
    public static readonly long Frequency = Stopwatch.Frequency;

    // 1 on Linux: ticks are already nanoseconds and the conversion is a no-op multiply.
    private static readonly long NanosPerTick = Stopwatch.Frequency == 1_000_000_000 ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Now() => Stopwatch.GetTimestamp();

    /// <summary>Exact for a 1 GHz tick; otherwise rounded down to the nanosecond without overflow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ToNanoseconds(long ticks) =>
        NanosPerTick != 0 ? ticks * NanosPerTick : SlowToNanoseconds(ticks);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ElapsedNanoseconds(long startTicks, long endTicks) => ToNanoseconds(endTicks - startTicks);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long SlowToNanoseconds(long ticks)
    {
        long seconds = Math.DivRem(ticks, Frequency, out long rest);
        return seconds * 1_000_000_000 + rest * 1_000_000_000 / Frequency;
    }

    /// <summary>Ticks for a duration in nanoseconds (rounded down).</summary>
    public static long FromNanoseconds(long nanos) =>
        NanosPerTick != 0 ? nanos : (long)((Int128)nanos * Frequency / 1_000_000_000);
}
