using System.Buffers.Binary;
using System.Text;

namespace Appliance.Venue.WebSockets;

/// <summary>RFC 6455 server frames (never masked): headers written in place, and the small control frames.</summary>
internal static class ServerFrames
{
    public const byte OpContinuation = 0x0, OpText = 0x1, OpBinary = 0x2, OpClose = 0x8, OpPing = 0x9, OpPong = 0xA;

    /// <summary>Header bytes for a payload of <paramref name="length"/>.</summary>
    public static int HeaderSize(long length) => length < 126 ? 2 : length <= ushort.MaxValue ? 4 : 10;

    /// <summary>Writes a FIN frame header; returns its size.</summary>
    public static int WriteHeader(Span<byte> destination, byte opcode, long length, bool fin = true)
    {
        destination[0] = (byte)((fin ? 0x80 : 0) | opcode);
        if (length < 126)
        {
            destination[1] = (byte)length;
            return 2;
        }
        if (length <= ushort.MaxValue)
        {
            destination[1] = 126;
            BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)length);
            return 4;
        }
        destination[1] = 127;
        BinaryPrimitives.WriteUInt64BigEndian(destination[2..], (ulong)length);
        return 10;
    }

    /// <summary>A whole control or small data frame as a new array (cold path).</summary>
    public static byte[] Frame(byte opcode, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[HeaderSize(payload.Length) + payload.Length];
        int h = WriteHeader(frame, opcode, payload.Length);
        payload.CopyTo(frame.AsSpan(h));
        return frame;
    }

    public static byte[] Close(int code, string reason)
    {
        byte[] text = Encoding.UTF8.GetBytes(reason);
        var payload = new byte[2 + text.Length];
        BinaryPrimitives.WriteUInt16BigEndian(payload, (ushort)code);
        text.CopyTo(payload, 2);
        return Frame(OpClose, payload);
    }
}
