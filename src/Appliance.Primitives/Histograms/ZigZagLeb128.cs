using System.Runtime.CompilerServices;

namespace Appliance.Primitives.Histograms;

/// <summary>
/// HdrHistogram's "LEB128-64b9B" ZigZag variable-length longs (V2 encoding counts): ZigZag so small
/// negatives (zero runs) stay short, 7 bits per byte little-endian with a continuation bit, and a
/// ninth byte that carries a full 8 bits, so a long never takes more than 9 bytes (standard LEB128
/// takes 10). Not interchangeable with protobuf varints.
/// </summary>
internal static class ZigZagLeb128
{
    public const int MaxBytes = 9;

    /// <summary>Writes <paramref name="value"/>; returns the bytes written (1 to 9). The destination must hold 9.</summary>
    public static int Write(long value, Span<byte> destination)
    {
        ulong v = (ulong)((value << 1) ^ (value >> 63));
        int i = 0;
        while (i < 8)
        {
            if (v < 0x80)
            {
                destination[i] = (byte)v;
                return i + 1;
            }
            destination[i++] = (byte)(v | 0x80);
            v >>= 7;
        }
        destination[8] = (byte)v; // the ninth byte: the top 8 bits, no continuation flag
        return MaxBytes;
    }

    /// <summary>Reads one value at <paramref name="position"/> and advances it; false when the input ends mid-value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryRead(ReadOnlySpan<byte> source, ref int position, out long value)
    {
        ulong v = 0;
        int p = position;
        for (int shift = 0; shift < 56; shift += 7)
        {
            if ((uint)p >= (uint)source.Length)
            {
                value = 0;
                return false;
            }
            byte b = source[p++];
            v |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                return Done(v, p, ref position, out value);
        }
        if ((uint)p >= (uint)source.Length)
        {
            value = 0;
            return false;
        }
        v |= (ulong)source[p++] << 56;
        return Done(v, p, ref position, out value);
    }

    private static bool Done(ulong v, int p, ref int position, out long value)
    {
        position = p;
        value = (long)(v >> 1) ^ -(long)(v & 1);
        return true;
    }
}
