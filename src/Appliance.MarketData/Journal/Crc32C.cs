using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Appliance.MarketData.Journal;

/// <summary>
/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), as used by iSCSI, ext4 and most log formats.
/// SSE4.2 <c>crc32</c> instructions 8 bytes at a time where available, else a slicing-by-8 table.
/// System.IO.Hashing is not in our package set, hence our own.
/// </summary>
public static class Crc32C
{
    private const uint Polynomial = 0x82F63B78u;

    // 8 tables of 256 entries for slicing-by-8.
    private static readonly uint[] Table = CreateTable();

    /// <summary>CRC-32C of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues a CRC: <c>Append(Compute(a), b) == Compute(a + b)</c>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        uint state = ~crc;
        state = Sse42.IsSupported ? UpdateSse42(state, data) : UpdateTable(state, data);
        return ~state;
    }

    /// <summary>The portable path, public so tests can hold both paths to the same vectors.</summary>
    public static uint ComputeWithTable(ReadOnlySpan<byte> data) => ~UpdateTable(~0u, data);

    private static uint UpdateSse42(uint state, ReadOnlySpan<byte> data)
    {
        ref byte p = ref MemoryMarshal.GetReference(data);
        int length = data.Length;
        int i = 0;
        if (Sse42.X64.IsSupported)
        {
            ulong s = state;
            for (; i + 8 <= length; i += 8)
                s = Sse42.X64.Crc32(s, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, i)));
            state = (uint)s;
        }
        for (; i + 4 <= length; i += 4)
            state = Sse42.Crc32(state, Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, i)));
        for (; i < length; i++)
            state = Sse42.Crc32(state, Unsafe.Add(ref p, i));
        return state;
    }

    private static uint UpdateTable(uint state, ReadOnlySpan<byte> data)
    {
        uint[] t = Table;
        int i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            uint lo = BinaryPrimitives.ReadUInt32LittleEndian(data[i..]) ^ state;
            uint hi = BinaryPrimitives.ReadUInt32LittleEndian(data[(i + 4)..]);
            state = t[(7 * 256) + (lo & 0xFF)] ^ t[(6 * 256) + ((lo >> 8) & 0xFF)]
                  ^ t[(5 * 256) + ((lo >> 16) & 0xFF)] ^ t[(4 * 256) + (lo >> 24)]
                  ^ t[(3 * 256) + (hi & 0xFF)] ^ t[(2 * 256) + ((hi >> 8) & 0xFF)]
                  ^ t[(1 * 256) + ((hi >> 16) & 0xFF)] ^ t[hi >> 24];
        }
        for (; i < data.Length; i++)
            state = t[(state ^ data[i]) & 0xFF] ^ (state >> 8);
        return state;
    }

    private static uint[] CreateTable()
    {
        var t = new uint[8 * 256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >> 1) ^ Polynomial : c >> 1;
            t[n] = c;
        }
        for (int slice = 1; slice < 8; slice++)
        {
            for (int n = 0; n < 256; n++)
            {
                uint prev = t[((slice - 1) * 256) + n];
                t[(slice * 256) + n] = (prev >> 8) ^ t[prev & 0xFF];
            }
        }
        return t;
    }
}
