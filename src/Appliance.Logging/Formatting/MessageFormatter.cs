using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using Appliance.Logging.Buffers;
using Appliance.Logging.Templates;

namespace Appliance.Logging.Formatting;

/// <summary>
/// Writer thread: turns a record (template id + captured arguments) into the UTF-8 message text. Never
/// allocates: numbers and IUtf8SpanFormattable values format straight into the destination, strings are
/// transcoded, enums copy cached names. A message that does not fit ends with " [truncated]".
/// </summary>
internal sealed unsafe class MessageFormatter
{
    private static ReadOnlySpan<byte> TruncatedMark => " [truncated]"u8;
    private readonly WallClock _clock;
    private readonly TimestampFormatter _timestamps = new();

    public MessageFormatter(WallClock clock) => _clock = clock;

    /// <summary>
    /// Formats into <paramref name="capacity"/> bytes at <paramref name="destination"/> and returns the byte
    /// count. The destination must be writable <see cref="VectorCopy.Slack"/> bytes past its capacity.
    /// </summary>
    public int Format(Template template, byte* args, byte* end, bool truncated, byte* destination, int capacity)
    {
        int body = capacity - TruncatedMark.Length;
        byte* literals = template.Literals;
        int pos = 0;
        bool cut = false;
        foreach (ref readonly TemplateHole hole in template.Holes.AsSpan())
        {
            int literal = hole.LiteralLength;
            if (literal > body - pos)
            {
                pos = CopyCut(destination, pos, body, literals + hole.LiteralOffset);
                cut = true;
                goto Done;
            }
            VectorCopy.Copy(destination + pos, literals + hole.LiteralOffset, literal);
            pos += literal;
            // A truncated record holds fewer arguments than the template has holes.
            if (args >= end || !TryFormatArg(ref args, end, hole.Format, destination + pos, body - pos, out int written))
            {
                cut = true;
                goto Done;
            }
            if (hole.Alignment != 0 && !TryAlign(new Span<byte>(destination + pos, body - pos), ref written, hole.Alignment))
            {
                cut = true;
                goto Done;
            }
            pos += written;
            // A truncated record ends with its last (partial) argument: what follows it was not captured.
            if (truncated && args >= end) goto Done;
        }
        if (template.TrailingLength > body - pos)
        {
            pos = CopyCut(destination, pos, body, literals + template.TrailingOffset);
            cut = true;
        }
        else
        {
            VectorCopy.Copy(destination + pos, literals + template.TrailingOffset, template.TrailingLength);
            pos += template.TrailingLength;
        }
    Done:
        if (cut || truncated)
        {
            TruncatedMark.CopyTo(new Span<byte>(destination + pos, TruncatedMark.Length));
            pos += TruncatedMark.Length;
        }
        return pos;
    }

    /// <summary>A literal that does not fit: as much of it as fits the body.</summary>
    private static int CopyCut(byte* destination, int pos, int body, byte* literal)
    {
        new ReadOnlySpan<byte>(literal, body - pos).CopyTo(new Span<byte>(destination + pos, body - pos));
        return body;
    }

    /// <summary>
    /// One argument. The common cases (integers and captured value types without a format) go straight into
    /// the buffer; everything else through <see cref="TryFormatArgAny"/>. False when it does not fit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryFormatArg(ref byte* p, byte* end, string? formatText, byte* dst, int room, out int n)
    {
        byte* v = p + 1;
        if (formatText is null && room >= DecimalDigits.MaxLength)
        {
            switch ((ArgTag)(*p))
            {
                case ArgTag.Int64: p = v + 8; n = DecimalDigits.Write(Unsafe.ReadUnaligned<long>(v), dst); return true;
                case ArgTag.Int32: p = v + 4; n = DecimalDigits.Write(Unsafe.ReadUnaligned<int>(v), dst); return true;
                case ArgTag.UInt64: p = v + 8; n = DecimalDigits.Write(Unsafe.ReadUnaligned<ulong>(v), dst); return true;
                case ArgTag.UInt32: p = v + 4; n = DecimalDigits.Write(Unsafe.ReadUnaligned<uint>(v), dst); return true;
                case ArgTag.Unmanaged:
                {
                    int id = Unsafe.ReadUnaligned<int>(v);
                    p = v + 5 + v[4];
                    return ArgFormatters.Get(id).TryFormat(v + 5, new Span<byte>(dst, room), default, out n);
                }
            }
        }
        return TryFormatArgAny(ref p, end, formatText, new Span<byte>(dst, room), out n);
    }

    private bool TryFormatArgAny(ref byte* p, byte* end, string? formatText, Span<byte> dst, out int n)
    {
        ReadOnlySpan<char> format = formatText;
        IFormatProvider inv = CultureInfo.InvariantCulture;
        var tag = (ArgTag)(*p);
        byte* v = p + 1;
        switch (tag)
        {
            case ArgTag.SByte: p = v + 1; return (*(sbyte*)v).TryFormat(dst, out n, format, inv);
            case ArgTag.Byte: p = v + 1; return (*v).TryFormat(dst, out n, format, inv);
            case ArgTag.Int16: p = v + 2; return Unsafe.ReadUnaligned<short>(v).TryFormat(dst, out n, format, inv);
            case ArgTag.UInt16: p = v + 2; return Unsafe.ReadUnaligned<ushort>(v).TryFormat(dst, out n, format, inv);
            case ArgTag.Int32: p = v + 4; return Unsafe.ReadUnaligned<int>(v).TryFormat(dst, out n, format, inv);
            case ArgTag.UInt32: p = v + 4; return Unsafe.ReadUnaligned<uint>(v).TryFormat(dst, out n, format, inv);
            case ArgTag.Int64: p = v + 8; return Unsafe.ReadUnaligned<long>(v).TryFormat(dst, out n, format, inv);
            case ArgTag.UInt64: p = v + 8; return Unsafe.ReadUnaligned<ulong>(v).TryFormat(dst, out n, format, inv);
            case ArgTag.Single: p = v + 4; return Unsafe.ReadUnaligned<float>(v).TryFormat(dst, out n, format, inv);
            case ArgTag.Double: p = v + 8; return Unsafe.ReadUnaligned<double>(v).TryFormat(dst, out n, format, inv);
            case ArgTag.Bool:
                p = v + 1;
                return Copy(*v != 0 ? "True"u8 : "False"u8, dst, out n);
            case ArgTag.Char:
                p = v + 2;
                return TryFormatChar(Unsafe.ReadUnaligned<char>(v), dst, out n);
            case ArgTag.Null:
                p = v;
                n = 0;
                return true;
            case ArgTag.Utf8:
            {
                int count = Unsafe.ReadUnaligned<int>(v);
                p = v + 4 + count;
                return Copy(new ReadOnlySpan<byte>(v + 4, count), dst, out n);
            }
            case ArgTag.Utf16:
            {
                int count = Unsafe.ReadUnaligned<int>(v);
                p = v + 4 + 2 * count;
                var chars = new ReadOnlySpan<char>(v + 4, count);
                return Utf8.FromUtf16(chars, dst, out _, out n, replaceInvalidSequences: true) == System.Buffers.OperationStatus.Done;
            }
            case ArgTag.MonoTime:
                p = v + 8;
                return TryFormatDateTime(_clock.ToUtcTicks(Unsafe.ReadUnaligned<long>(v)), DateTimeKind.Utc, null, format, dst, out n);
            case ArgTag.DateTime:
            {
                p = v + 8;
                DateTime time = Unsafe.ReadUnaligned<DateTime>(v);
                return TryFormatDateTime(time.Ticks, time.Kind, null, format, dst, out n);
            }
            case ArgTag.DateTimeOffset:
            {
                p = v + Unsafe.SizeOf<DateTimeOffset>();
                DateTimeOffset time = Unsafe.ReadUnaligned<DateTimeOffset>(v);
                if (!format.IsEmpty) return time.TryFormat(dst, out n, format, inv);
                return TryFormatDateTime(time.Ticks, DateTimeKind.Unspecified, time.Offset, format, dst, out n);
            }
            case ArgTag.Unmanaged:
            {
                int id = Unsafe.ReadUnaligned<int>(v);
                int size = v[4];
                p = v + 5 + size;
                return ArgFormatters.Get(id).TryFormat(v + 5, dst, format, out n);
            }
            default:
                // Never written by a handler; stop this message rather than read garbage.
                p = end;
                n = 0;
                return false;
        }
    }

    /// <summary>No format: the line timestamp's ISO form ('Z' for UTC, +hh:mm for an offset, nothing when unspecified).</summary>
    private bool TryFormatDateTime(long ticks, DateTimeKind kind, TimeSpan? offset, ReadOnlySpan<char> format, Span<byte> dst, out int n)
    {
        if (!format.IsEmpty)
            return new DateTime(ticks, kind).TryFormat(dst, out n, format, CultureInfo.InvariantCulture);
        n = 0;
        if (dst.Length < TimestampFormatter.Length + 6) return false;
        if (kind == DateTimeKind.Utc)
        {
            _timestamps.Format(ticks, dst);
            n = TimestampFormatter.Length;
            return true;
        }
        _timestamps.FormatUnzoned(ticks, dst);
        n = TimestampFormatter.Length - 1;
        if (offset is not { } o) return true;
        if (o == TimeSpan.Zero)
        {
            dst[n++] = (byte)'Z';
            return true;
        }
        dst[n++] = o < TimeSpan.Zero ? (byte)'-' : (byte)'+';
        TimeSpan a = o.Duration();
        WriteTwo(a.Hours, dst[n..]);
        dst[n + 2] = (byte)':';
        WriteTwo(a.Minutes, dst[(n + 3)..]);
        n += 5;
        return true;
    }

    private static void WriteTwo(int value, Span<byte> dst)
    {
        dst[0] = (byte)('0' + value / 10);
        dst[1] = (byte)('0' + value % 10);
    }

    private static bool TryFormatChar(char c, Span<byte> dst, out int n)
    {
        Rune rune = Rune.TryCreate(c, out Rune r) ? r : Rune.ReplacementChar;
        return rune.TryEncodeToUtf8(dst, out n);
    }

    private static bool Copy(ReadOnlySpan<byte> source, Span<byte> dst, out int n)
    {
        if (!source.TryCopyTo(dst))
        {
            n = 0;
            return false;
        }
        n = source.Length;
        return true;
    }

    /// <summary>.NET alignment: positive pads on the left, negative on the right, counted in characters.</summary>
    private static bool TryAlign(Span<byte> area, ref int written, int alignment)
    {
        int width = Math.Abs(alignment);
        int chars = 0;
        foreach (byte b in area[..written])
            if ((b & 0xC0) != 0x80) chars++;
        if (chars >= width) return true;
        int pad = width - chars;
        if (written + pad > area.Length) return false;
        if (alignment > 0)
        {
            area[..written].CopyTo(area[pad..]);
            area[..pad].Fill((byte)' ');
        }
        else
        {
            area.Slice(written, pad).Fill((byte)' ');
        }
        written += pad;
        return true;
    }
}
