using System.Buffers;

namespace Appliance.Logging.Formatting;

/// <summary>
/// Escaping of a message inside a line, so a line is always exactly one record: text lines escape control
/// characters, JSON strings also '"' and '\'. The writer's fast path (<see cref="VectorCopy"/>) copies
/// messages that need none of this; these are its slow path and the category's one-time JSON form.
/// </summary>
internal static unsafe class LineWriter
{
    private static readonly SearchValues<byte> JsonSpecial = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, (byte)'"', (byte)'\\']);

    /// <summary>A category as it appears in a JSON string.</summary>
    public static byte[] JsonEscaped(ReadOnlySpan<byte> utf8)
    {
        var buffer = new byte[6 * utf8.Length];
        int n = 0;
        EscapeJson(utf8, buffer, ref n);
        return buffer[..n];
    }

    /// <summary>Writes <paramref name="length"/> message bytes escaped for a text line; returns the end. Room: 4 bytes per byte.</summary>
    public static byte* EscapeText(byte* destination, byte* source, int length)
    {
        int n = 0;
        EscapeText(new ReadOnlySpan<byte>(source, length), new Span<byte>(destination, 4 * length), ref n);
        return destination + n;
    }

    /// <summary>Writes <paramref name="length"/> message bytes escaped for a JSON string; returns the end. Room: 6 bytes per byte.</summary>
    public static byte* EscapeJson(byte* destination, byte* source, int length)
    {
        int n = 0;
        EscapeJson(new ReadOnlySpan<byte>(source, length), new Span<byte>(destination, 6 * length), ref n);
        return destination + n;
    }

    private static void Put(ReadOnlySpan<byte> source, Span<byte> dst, ref int n)
    {
        source.CopyTo(dst[n..]);
        n += source.Length;
    }

    /// <summary>\n \r \t as themselves, other controls as \xHH; everything else verbatim.</summary>
    private static void EscapeText(ReadOnlySpan<byte> message, Span<byte> dst, ref int n)
    {
        while (true)
        {
            int i = message.IndexOfAnyInRange((byte)0, (byte)0x1F);
            if (i < 0)
            {
                Put(message, dst, ref n);
                return;
            }
            Put(message[..i], dst, ref n);
            byte c = message[i];
            dst[n++] = (byte)'\\';
            switch (c)
            {
                case (byte)'\n': dst[n++] = (byte)'n'; break;
                case (byte)'\r': dst[n++] = (byte)'r'; break;
                case (byte)'\t': dst[n++] = (byte)'t'; break;
                default:
                    dst[n++] = (byte)'x';
                    dst[n++] = Hex(c >> 4);
                    dst[n++] = Hex(c & 0xF);
                    break;
            }
            message = message[(i + 1)..];
        }
    }

    private static void EscapeJson(ReadOnlySpan<byte> message, Span<byte> dst, ref int n)
    {
        while (true)
        {
            int i = message.IndexOfAny(JsonSpecial);
            if (i < 0)
            {
                Put(message, dst, ref n);
                return;
            }
            Put(message[..i], dst, ref n);
            byte c = message[i];
            dst[n++] = (byte)'\\';
            switch (c)
            {
                case (byte)'"': dst[n++] = (byte)'"'; break;
                case (byte)'\\': dst[n++] = (byte)'\\'; break;
                case (byte)'\n': dst[n++] = (byte)'n'; break;
                case (byte)'\r': dst[n++] = (byte)'r'; break;
                case (byte)'\t': dst[n++] = (byte)'t'; break;
                default:
                    Put("u00"u8, dst, ref n);
                    dst[n++] = Hex(c >> 4);
                    dst[n++] = Hex(c & 0xF);
                    break;
            }
            message = message[(i + 1)..];
        }
    }

    private static byte Hex(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
}
