using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Appliance.Logging.Formatting;

/// <summary>
/// Integers in decimal straight into the writer's buffer, two digits per step: the same text as
/// <c>long.TryFormat</c> with no format (invariant culture), without the format and culture dispatch.
/// </summary>
internal static unsafe class DecimalDigits
{
    /// <summary>Most bytes <see cref="Write(long, byte*)"/> writes.</summary>
    public const int MaxLength = 20;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Write(long value, byte* destination)
    {
        if (value >= 0) return Write((ulong)value, destination);
        *destination = (byte)'-';
        return 1 + Write(0 - (ulong)value, destination + 1);
    }

    public static int Write(ulong value, byte* destination)
    {
        int count = CountDigits(value);
        byte* p = destination + count;
        ref byte pairs = ref MemoryMarshal.GetReference(TimestampFormatter.TwoDigits);
        while (value >= 100)
        {
            ulong quotient = value / 100;
            nuint pair = (nuint)(value - quotient * 100);
            p -= 2;
            Unsafe.WriteUnaligned(p, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref pairs, 2 * pair)));
            value = quotient;
        }
        if (value >= 10)
            Unsafe.WriteUnaligned(p - 2, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref pairs, 2 * (nuint)value)));
        else
            p[-1] = (byte)('0' + value);
        return count;
    }

    /// <summary>Decimal digits of <paramref name="value"/> (1 for 0), from its highest set bit and one compare.</summary>
    private static int CountDigits(ulong value)
    {
        ReadOnlySpan<byte> log2ToDigits =
        [
            1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 6, 6, 6, 7, 7, 7, 7, 8, 8, 8, 9, 9, 9, 10, 10, 10,
            10, 11, 11, 11, 12, 12, 12, 13, 13, 13, 13, 14, 14, 14, 15, 15, 15, 16, 16, 16, 16, 17, 17, 17, 18, 18, 18, 19, 19, 19, 19, 20,
        ];
        ReadOnlySpan<ulong> powersOf10 =
        [
            0, 0, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
            10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
            1_000_000_000_000_000, 10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000,
            10_000_000_000_000_000_000,
        ];
        int digits = log2ToDigits[BitOperations.Log2(value)];
        return value < powersOf10[digits] ? digits - 1 : digits;
    }
}
