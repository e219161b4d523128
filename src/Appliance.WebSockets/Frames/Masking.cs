using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Appliance.WebSockets.Frames;

/// <summary>
/// XOR of a payload with the 4-byte mask key (RFC 6455 5.3). The key is held as a little-endian uint,
/// so key byte i is bits 8i..8i+7; a payload that starts at key position <c>k</c> uses the key rotated by k bytes.
/// </summary>
internal static class Masking
{
    /// <summary>dst[i] = src[i] ^ key[(keyOffset + i) % 4]. dst may be src.</summary>
    public static void Apply(ReadOnlySpan<byte> source, Span<byte> destination, uint maskKey, long keyOffset)
    {
        if (destination.Length < source.Length) throw new ArgumentException("destination too short", nameof(destination));
        uint key = BitOperations.RotateRight(maskKey, 8 * (int)(keyOffset & 3));
        int length = source.Length;
        int i = 0;
        ref byte src = ref MemoryMarshal.GetReference(source);
        ref byte dst = ref MemoryMarshal.GetReference(destination);

        if (Vector256.IsHardwareAccelerated && length >= Vector256<byte>.Count)
        {
            var k = Vector256.Create(key).AsByte();
            for (; i <= length - Vector256<byte>.Count; i += Vector256<byte>.Count)
                (Vector256.LoadUnsafe(ref src, (nuint)i) ^ k).StoreUnsafe(ref dst, (nuint)i);
        }
        if (Vector128.IsHardwareAccelerated && length - i >= Vector128<byte>.Count)
        {
            var k = Vector128.Create(key).AsByte();
            for (; i <= length - Vector128<byte>.Count; i += Vector128<byte>.Count)
                (Vector128.LoadUnsafe(ref src, (nuint)i) ^ k).StoreUnsafe(ref dst, (nuint)i);
        }
        // i is a multiple of 4 here, so the key is still aligned with position i.
        for (; i <= length - 4; i += 4)
        {
            uint v = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref src, i));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, i), v ^ (BitConverter.IsLittleEndian ? key : BinaryPrimitives.ReverseEndianness(key)));
        }
        for (int j = 0; i < length; i++, j++)
            Unsafe.Add(ref dst, i) = (byte)(Unsafe.Add(ref src, i) ^ (byte)(key >> (8 * j)));
    }
}
