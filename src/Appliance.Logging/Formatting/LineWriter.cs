using System.Buffers;
using Appliance.Logging.Sinks;

namespace Appliance.Logging.Formatting;

/// <summary>
/// Lays out one line in a sink's format from the parts the writer prepared. Control characters in a message
/// are escaped, so a line is always exactly one record. Returns false when the line does not fit.
/// </summary>
internal static class LineWriter
{
    private static readonly SearchValues<byte> JsonSpecial = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, (byte)'"', (byte)'\\']);

    /// <summary>Upper bound of a line's size, to decide whether to write the batch out first.</summary>
    public static int MaxLength(LineFormat format, int category, int message) => format switch
    {
        LineFormat.Json => 64 + TimestampFormatter.Length + category + 6 * message,
        _ => 16 + TimestampFormatter.Length + category + 4 * message,
    };

    /// <summary>The longest message whose line surely fits <paramref name="room"/> bytes (0 when none does).</summary>
    public static int MaxMessage(LineFormat format, int category, int room) => format switch
    {
        LineFormat.Json => Math.Max(0, (room - 64 - TimestampFormatter.Length - category) / 6),
        _ => Math.Max(0, (room - 16 - TimestampFormatter.Length - category) / 4),
    };

    public static int Write(LineFormat format, Span<byte> dst, ReadOnlySpan<byte> timestamp, int level,
        ReadOnlySpan<byte> category, ReadOnlySpan<byte> message)
    {
        int n = 0;
        if (format == LineFormat.Json)
        {
            Put("{\"ts\":\""u8, dst, ref n);
            Put(timestamp, dst, ref n);
            Put("\",\"level\":\""u8, dst, ref n);
            Put(LevelNames.ShortName(level), dst, ref n);
            Put("\",\"category\":\""u8, dst, ref n);
            Put(category, dst, ref n);   // escaped once, when the category was first seen
            Put("\",\"msg\":\""u8, dst, ref n);
            EscapeJson(message, dst, ref n);
            Put("\"}\n"u8, dst, ref n);
            return n;
        }
        if (format == LineFormat.Journald) Put(LevelNames.SyslogPriority(level), dst, ref n);
        Put(timestamp, dst, ref n);
        dst[n++] = (byte)' ';
        Put(LevelNames.ShortName(level), dst, ref n);
        dst[n++] = (byte)' ';
        Put(category, dst, ref n);
        dst[n++] = (byte)' ';
        EscapeText(message, dst, ref n);
        dst[n++] = (byte)'\n';
        return n;
    }

    /// <summary>A category as it appears in a JSON string.</summary>
    public static byte[] JsonEscaped(ReadOnlySpan<byte> utf8)
    {
        var buffer = new byte[6 * utf8.Length];
        int n = 0;
        EscapeJson(utf8, buffer, ref n);
        return buffer[..n];
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
