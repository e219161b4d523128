using System.Runtime.CompilerServices;
using Appliance.Primitives.Time;

namespace Appliance.Primitives.Rings;

/// <summary>Turns a caller's timeout into a <see cref="MonoClock"/> deadline once, so wait loops only compare.</summary>
internal static class WaitDeadline
{
    public const long Never = long.MaxValue;

    // Anything longer than this is treated as infinite rather than overflowing the tick arithmetic.
    // A const, not a static readonly TimeSpan: struct statics live boxed on the heap.
    private const long LongestTicks = 365 * TimeSpan.TicksPerDay;

    public static long From(TimeSpan timeout)
    {
        if (timeout == Timeout.InfiniteTimeSpan || timeout.Ticks >= LongestTicks)
        {
            return Never;
        }

        if (timeout < TimeSpan.Zero)
        {
            RingThrowHelper.ThrowBadTimeout(timeout);
        }

        return MonoClock.Now() + MonoClock.FromNanoseconds(timeout.Ticks * 100);
    }

    /// <summary>Rejects a bad timeout even when the wait it belongs to turns out not to be needed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Validate(TimeSpan timeout)
    {
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            RingThrowHelper.ThrowBadTimeout(timeout);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Passed(long deadline) => deadline != Never && MonoClock.Now() >= deadline;
}
