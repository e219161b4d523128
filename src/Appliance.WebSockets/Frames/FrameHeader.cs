using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Appliance.WebSockets.Frames;

/// <summary>
/// The fixed part of a frame (RFC 6455 5.2): flags, opcode, payload length and the optional mask key.
/// Decoding checks only what the bytes alone can break (the 64-bit length's top bit); rules that
/// depend on the connection's state live in <see cref="FrameParser"/>.
/// </summary>
internal readonly struct FrameHeader
{
    /// <summary>2 bytes of flags/length, 8 of extended length, 4 of mask key.</summary>
    public const int MaxSize = 14;

    public readonly long PayloadLength;
    public readonly uint MaskKey;
    public readonly byte First;      // FIN, RSV1-3, opcode
    public readonly byte HeaderLength;
    public readonly bool Masked;

    private FrameHeader(byte first, bool masked, long payloadLength, int headerLength, uint maskKey)
    {
        First = first;
        Masked = masked;
        PayloadLength = payloadLength;
        HeaderLength = (byte)headerLength;
        MaskKey = maskKey;
    }

    public bool Fin => (First & 0x80) != 0;
    public bool Rsv1 => (First & 0x40) != 0;
    public bool Rsv2 => (First & 0x20) != 0;
    public bool Rsv3 => (First & 0x10) != 0;
    public Opcode Opcode => (Opcode)(First & 0x0F);
    public bool IsControl => (First & 0x08) != 0;
    public long FrameLength => HeaderLength + PayloadLength;

    /// <summary>Decodes a header from the start of <paramref name="source"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HeaderStatus TryRead(ReadOnlySpan<byte> source, out FrameHeader header)
    {
        if (source.Length >= 2)
        {
            byte first = source[0];
            byte second = source[1];
            int len7 = second & 0x7F;
            bool masked = (second & 0x80) != 0;
            if (!masked)
            {
                // The market-data cases: an unmasked frame of up to 125 bytes (2-byte header) or of up to
                // 64 KiB (16-bit extended length, 4-byte header: most Binance messages are 126-400 bytes).
                if (len7 < 126)
                {
                    header = new FrameHeader(first, false, len7, 2, 0);
                    return HeaderStatus.Ok;
                }
                if (len7 == 126 && source.Length >= 4)
                {
                    header = new FrameHeader(first, false, BinaryPrimitives.ReadUInt16BigEndian(source.Slice(2)), 4, 0);
                    return HeaderStatus.Ok;
                }
            }
        }
        return TryReadSlow(source, out header);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static HeaderStatus TryReadSlow(ReadOnlySpan<byte> source, out FrameHeader header)
    {
        header = default;
        if (source.Length < 2) return HeaderStatus.NeedMoreData;
        byte first = source[0];
        byte second = source[1];
        bool masked = (second & 0x80) != 0;
        int len7 = second & 0x7F;
        int size = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + (masked ? 4 : 0);
        if (source.Length < size) return HeaderStatus.NeedMoreData;

        long length;
        int pos = 2;
        if (len7 == 126)
        {
            length = BinaryPrimitives.ReadUInt16BigEndian(source.Slice(2));
            pos = 4;
        }
        else if (len7 == 127)
        {
            ulong raw = BinaryPrimitives.ReadUInt64BigEndian(source.Slice(2));
            if ((raw & 0x8000_0000_0000_0000UL) != 0) return HeaderStatus.InvalidLength;
            length = (long)raw;
            pos = 10;
        }
        else
        {
            length = len7;
        }

        uint mask = masked ? BinaryPrimitives.ReadUInt32LittleEndian(source.Slice(pos)) : 0;
        header = new FrameHeader(first, masked, length, size, mask);
        return HeaderStatus.Ok;
    }
}
