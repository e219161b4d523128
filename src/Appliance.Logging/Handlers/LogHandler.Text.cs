using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Appliance.Logging.Buffers;

namespace Appliance.Logging.Handlers;

// Text arguments are copied, never referenced: the caller may reuse its buffer as soon as the call returns.
// Strings are copied as UTF-16 and transcoded on the writer: a plain copy measured about twice as fast as
// transcoding on the caller for 7-120 chars (docs/logging.md), for twice the ring space.
public unsafe ref partial struct LogHandler<TLevel>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(string? value) => PutChars(value, null, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(string? value, int alignment = 0, string? format = null) => PutChars(value, format, alignment);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(ReadOnlySpan<char> value, int alignment = 0, string? format = null) =>
        PutUtf16(value, format, alignment);

    /// <summary>UTF-8 bytes, copied as they are (<c>{"BTCUSDT"u8}</c>, a symbol's bytes from a decoder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(ReadOnlySpan<byte> utf8, int alignment = 0, string? format = null) =>
        PutBytes(ArgTag.Utf8, utf8, 1, format, alignment);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PutChars(string? value, string? format, int alignment)
    {
        if (value is null)
        {
            PutNull(format, alignment);
            return;
        }
        PutUtf16(value, format, alignment);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PutUtf16(ReadOnlySpan<char> value, string? format, int alignment) =>
        PutBytes(ArgTag.Utf16, MemoryMarshal.AsBytes(value), 2, format, alignment);

    /// <summary>Tag, int32 count of units, the bytes. Truncated (never dropped) at the record size cap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PutBytes(ArgTag tag, ReadOnlySpan<byte> bytes, int unitSize, string? format, int alignment)
    {
        int units = bytes.Length / unitSize;
        byte* p = _pos;
        if (p + 5 + (long)bytes.Length > _end)
        {
            Room room = ReserveVariable(_producer, _start, p, 5, unitSize, units, format, alignment);
            _end = room.End;
            if (room.Units < 0) return;
            units = room.Units;
            bytes = bytes[..(units * unitSize)];
        }
        *p = (byte)tag;
        Unsafe.WriteUnaligned(p + 1, units);
        bytes.CopyTo(new Span<byte>(p + 5, bytes.Length));
        _pos = p + 5 + bytes.Length;
    }

    private void PutNull(string? format, int alignment)
    {
        byte* p = _pos;
        if (p + 1 > _end)
        {
            Room room = Reserve(_producer, _start, p, 1, format, alignment);
            _end = room.End;
            if (room.Units < 0) return;
        }
        *p = (byte)ArgTag.Null;
        _pos = p + 1;
    }
}
