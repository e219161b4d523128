using System.Runtime.CompilerServices;

namespace Appliance.Primitives.Tests.Rings;

/// <summary>A 32-byte ring payload that can tell whether it arrived whole, in order, and from whom.</summary>
internal struct TestEvent
{
    public long Sequence;
    public long Value;
    public long Check;
    public long Spare;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ValueFor(long sequence) => unchecked(sequence * -7046029254386353131L + 0x5DEECE66DL);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Fill(long sequence)
    {
        Sequence = sequence;
        Value = ValueFor(sequence);
        Check = ~Value;
        Spare = sequence ^ 0x55;
    }

    /// <summary>True when this is exactly the event written for <paramref name="sequence"/> (not torn, not stale).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool Is(long sequence) =>
        Sequence == sequence && Value == ValueFor(sequence) && Check == ~Value && Spare == (sequence ^ 0x55);
}
