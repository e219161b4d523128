using System.Diagnostics.CodeAnalysis;

namespace Appliance.Primitives.Rings;

/// <summary>Throws kept out of the ring's hot methods so they stay small enough to inline.</summary>
internal static class RingThrowHelper
{
    [DoesNotReturn]
    public static void ThrowBadCapacity(string ringName, int capacity, int maxCapacity)
    {
        string hint = capacity > 0 && capacity <= maxCapacity
            ? $" (the next power of two is {RoundUpToPowerOfTwo(capacity)})"
            : "";
        throw new ArgumentOutOfRangeException(nameof(capacity), capacity,
            $"{ringName}: capacity must be a power of two between 1 and {maxCapacity}; got {capacity}{hint}.");
    }

    [DoesNotReturn]
    public static void ThrowTooLarge(string ringName, int capacity, int slotSize, long maxBytes)
    {
        throw new ArgumentOutOfRangeException(nameof(capacity), capacity,
            $"{ringName}: {capacity} slots of {slotSize} bytes need {(long)capacity * slotSize} bytes; at most {maxBytes} fit in one array.");
    }

    [DoesNotReturn]
    public static void ThrowBadBatchSize(int max)
    {
        throw new ArgumentOutOfRangeException(nameof(max), max, "A batch must ask for at least one slot.");
    }

    [DoesNotReturn]
    public static void ThrowBadTimeout(TimeSpan timeout)
    {
        throw new ArgumentOutOfRangeException(nameof(timeout), timeout,
            "A wait timeout must be zero or more, or Timeout.InfiniteTimeSpan.");
    }

    private static long RoundUpToPowerOfTwo(int value) => (long)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)value);
}
