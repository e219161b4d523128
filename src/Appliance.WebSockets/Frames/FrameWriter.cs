using System.Buffers.Binary;

namespace Appliance.WebSockets.Frames;

/// <summary>Encodes client frame headers: FIN/opcode, the shortest length form, and the mask key (always set).</summary>
internal static class FrameWriter
{
    /// <summary>Writes a masked client header into <paramref name="destination"/> (≥ 14 bytes); returns its length.</summary>
    public static int WriteClientHeader(Span<byte> destination, Opcode opcode, bool fin, long payloadLength, uint maskKey, bool rsv1 = false)
    {
        destination[0] = (byte)((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | (byte)opcode);
        int pos;
        if (payloadLength < 126)
        {
            destination[1] = (byte)(0x80 | payloadLength);
            pos = 2;
        }
        else if (payloadLength <= ushort.MaxValue)
        {
            destination[1] = 0x80 | 126;
            BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(2), (ushort)payloadLength);
            pos = 4;
        }
        else
        {
            destination[1] = 0x80 | 127;
            BinaryPrimitives.WriteUInt64BigEndian(destination.Slice(2), (ulong)payloadLength);
            pos = 10;
        }
        BinaryPrimitives.WriteUInt32LittleEndian(destination.Slice(pos), maskKey);
        return pos + 4;
    }

    /// <summary>Encodes an unmasked server-style header (used by tests and benchmarks to build streams).</summary>
    public static int WriteServerHeader(Span<byte> destination, Opcode opcode, bool fin, long payloadLength, bool rsv1 = false)
    {
        destination[0] = (byte)((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | (byte)opcode);
        if (payloadLength < 126)
        {
            destination[1] = (byte)payloadLength;
            return 2;
        }
        if (payloadLength <= ushort.MaxValue)
        {
            destination[1] = 126;
            BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(2), (ushort)payloadLength);
            return 4;
        }
        destination[1] = 127;
        BinaryPrimitives.WriteUInt64BigEndian(destination.Slice(2), (ulong)payloadLength);
        return 10;
    }
}
