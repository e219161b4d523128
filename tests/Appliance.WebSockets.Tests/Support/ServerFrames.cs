using Appliance.WebSockets.Frames;

namespace Appliance.WebSockets.Tests.Support;

/// <summary>Hand-built server frames (unmasked unless asked), for parser and loopback tests.</summary>
internal static class ServerFrames
{
    public static byte[] Frame(Opcode opcode, ReadOnlySpan<byte> payload, bool fin = true, bool rsv1 = false, int lengthForm = 0)
    {
        var header = new byte[14];
        int h = lengthForm switch
        {
            0 => FrameWriter.WriteServerHeader(header, opcode, fin, payload.Length, rsv1),
            // Non-minimal encodings: legal to parse (we accept them), cheap way to exercise the 16/64-bit paths.
            16 => WriteForm(header, opcode, fin, rsv1, 126, payload.Length),
            64 => WriteForm(header, opcode, fin, rsv1, 127, payload.Length),
            _ => throw new ArgumentOutOfRangeException(nameof(lengthForm)),
        };
        var frame = new byte[h + payload.Length];
        header.AsSpan(0, h).CopyTo(frame);
        payload.CopyTo(frame.AsSpan(h));
        return frame;
    }

    private static int WriteForm(byte[] header, Opcode opcode, bool fin, bool rsv1, int marker, int length)
    {
        header[0] = (byte)((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | (byte)opcode);
        header[1] = (byte)marker;
        if (marker == 126)
        {
            header[2] = (byte)(length >> 8);
            header[3] = (byte)length;
            return 4;
        }
        for (int i = 0; i < 8; i++) header[2 + i] = (byte)((long)length >> (8 * (7 - i)));
        return 10;
    }

    public static byte[] Text(string text, bool fin = true) => Frame(Opcode.Text, System.Text.Encoding.UTF8.GetBytes(text), fin);

    public static byte[] Close(ushort code, string reason = "")
    {
        var payload = new byte[2 + System.Text.Encoding.UTF8.GetByteCount(reason)];
        payload[0] = (byte)(code >> 8);
        payload[1] = (byte)code;
        System.Text.Encoding.UTF8.GetBytes(reason, payload.AsSpan(2));
        return Frame(Opcode.Close, payload);
    }

    public static byte[] Concat(params byte[][] frames) => frames.SelectMany(f => f).ToArray();
}
