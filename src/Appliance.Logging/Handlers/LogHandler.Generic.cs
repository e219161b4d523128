using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Unicode;
using Appliance.Logging.Buffers;
using Appliance.Logging.Formatting;

namespace Appliance.Logging.Handlers;

// Any other argument type. Enums and unmanaged IUtf8SpanFormattable values (fixed-point prices and
// quantities, decimal, TimeSpan, Guid...) are copied as raw bytes with the id of a formatter registered
// once per type; the writer reconstructs and formats them. Other types are formatted on the caller.
public unsafe ref partial struct LogHandler<TLevel>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted<T>(T value) => PutValue(value, null, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted<T>(T value, string? format) => PutValue(value, format, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted<T>(T value, int alignment) => PutValue(value, null, alignment);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted<T>(T value, int alignment, string? format) => PutValue(value, format, alignment);

    // The typeof tests fold away per value type: the generic overloads only run for alignment holes
    // ({x,8}) on the types above, or for types without their own overload.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PutValue<T>(T value, string? format, int alignment)
    {
        if (typeof(T) == typeof(int)) Put(ArgTag.Int32, Unsafe.As<T, int>(ref value), format, alignment);
        else if (typeof(T) == typeof(long)) Put(ArgTag.Int64, Unsafe.As<T, long>(ref value), format, alignment);
        else if (typeof(T) == typeof(double)) Put(ArgTag.Double, Unsafe.As<T, double>(ref value), format, alignment);
        else if (typeof(T) == typeof(uint)) Put(ArgTag.UInt32, Unsafe.As<T, uint>(ref value), format, alignment);
        else if (typeof(T) == typeof(ulong)) Put(ArgTag.UInt64, Unsafe.As<T, ulong>(ref value), format, alignment);
        else if (typeof(T) == typeof(short)) Put(ArgTag.Int16, Unsafe.As<T, short>(ref value), format, alignment);
        else if (typeof(T) == typeof(ushort)) Put(ArgTag.UInt16, Unsafe.As<T, ushort>(ref value), format, alignment);
        else if (typeof(T) == typeof(sbyte)) Put(ArgTag.SByte, Unsafe.As<T, sbyte>(ref value), format, alignment);
        else if (typeof(T) == typeof(byte)) Put(ArgTag.Byte, Unsafe.As<T, byte>(ref value), format, alignment);
        else if (typeof(T) == typeof(float)) Put(ArgTag.Single, Unsafe.As<T, float>(ref value), format, alignment);
        else if (typeof(T) == typeof(bool)) Put(ArgTag.Bool, Unsafe.As<T, bool>(ref value), format, alignment);
        else if (typeof(T) == typeof(char)) Put(ArgTag.Char, Unsafe.As<T, char>(ref value), format, alignment);
        else if (typeof(T) == typeof(MonoTime)) Put(ArgTag.MonoTime, Unsafe.As<T, MonoTime>(ref value).Ticks, format, alignment);
        else if (typeof(T) == typeof(DateTime)) Put(ArgTag.DateTime, Unsafe.As<T, DateTime>(ref value), format, alignment);
        else if (typeof(T) == typeof(DateTimeOffset)) Put(ArgTag.DateTimeOffset, Unsafe.As<T, DateTimeOffset>(ref value), format, alignment);
        else if (!RuntimeHelpers.IsReferenceOrContainsReferences<T>() && ArgFormatterId<T>.Value >= 0)
            PutUnmanaged(ArgFormatterId<T>.Value, value, format, alignment);
        else if (typeof(T) == typeof(string)) PutChars(Unsafe.As<T, string?>(ref value), format, alignment);
        else if (value is null) PutNull(format, alignment);
        else
        {
            Cursor cursor = PutFormattedHere(_producer, _start, _pos, value, format, alignment);
            _pos = cursor.Pos;
            _end = cursor.End;
        }
    }

    /// <summary>Tag, int32 formatter id, byte size, the value's bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PutUnmanaged<T>(int formatterId, T value, string? format, int alignment)
    {
        int size = 6 + Unsafe.SizeOf<T>();
        byte* p = _pos;
        if (p + size > _end)
        {
            Room room = Reserve(_producer, _start, p, size, format, alignment);
            _end = room.End;
            if (room.Units < 0) return;
        }
        *p = (byte)ArgTag.Unmanaged;
        Unsafe.WriteUnaligned(p + 1, formatterId);
        p[5] = (byte)Unsafe.SizeOf<T>();
        Unsafe.WriteUnaligned(p + 6, value);
        _pos = p + size;
    }

    /// <summary>
    /// Types whose bytes cannot be copied (they hold references): formatted on the calling thread straight
    /// into the record as UTF-8, without allocating when they implement IUtf8SpanFormattable or
    /// ISpanFormattable. Anything else falls back to ToString(), which allocates: keep such types off hot paths.
    /// Returns the handler's new position and fast-path limit.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Cursor PutFormattedHere<T>(ProducerBuffer? producer, byte* start, byte* pos, T value, string? format, int alignment)
    {
        Room reserved = Reserve(producer, start, pos, 0, format, alignment);
        if (reserved.Units < 0) return new Cursor(pos, reserved.End);
        byte* limit = producer!.Limit(start);
        if (value is IUtf8SpanFormattable)
        {
            if (pos + 5 > limit) return new Cursor(pos, reserved.End);
            var room = new Span<byte>(pos + 5, (int)(limit - pos - 5));
            if (((IUtf8SpanFormattable)value).TryFormat(room, out int written, format, CultureInfo.InvariantCulture))
                return new Cursor(Preformatted(pos, written), reserved.End);
        }
        else if (value is ISpanFormattable)
        {
            Span<char> chars = stackalloc char[256];
            if (((ISpanFormattable)value).TryFormat(chars, out int charCount, format, CultureInfo.InvariantCulture))
                return new Cursor(PutUtf8FromChars(pos, limit, chars[..charCount]), reserved.End);
        }
        string? text = value is IFormattable formattable
            ? formattable.ToString(format, CultureInfo.InvariantCulture)
            : value!.ToString();
        return new Cursor(PutUtf8FromChars(pos, limit, text), reserved.End);
    }

    private static byte* PutUtf8FromChars(byte* pos, byte* limit, scoped ReadOnlySpan<char> chars)
    {
        if (pos + 5 > limit) return pos;
        var room = new Span<byte>(pos + 5, (int)(limit - pos - 5));
        Utf8.FromUtf16(chars, room, out _, out int written, replaceInvalidSequences: true, isFinalBlock: true);
        return Preformatted(pos, written);
    }

    /// <summary>Writes the tag and length in front of <paramref name="written"/> bytes already at pos + 5.</summary>
    private static byte* Preformatted(byte* pos, int written)
    {
        *pos = (byte)ArgTag.Utf8;
        Unsafe.WriteUnaligned(pos + 1, written);
        return pos + 5 + written;
    }
}
