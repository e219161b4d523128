// Generated once from a list of types (sbyte..ulong, float, double, bool, char, DateTime, DateTimeOffset); keep them in step.
using System.Runtime.CompilerServices;
using Appliance.Logging.Buffers;

namespace Appliance.Logging.Handlers;

// Fixed-size arguments: a tag byte and the value's bytes. The format and alignment are the template's
// (recorded on the site's first call), so the fast path ignores them.
public unsafe ref partial struct LogHandler<TLevel>
{

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(sbyte value) => Put(ArgTag.SByte, value, null, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(sbyte value, string? format) => Put(ArgTag.SByte, value, format, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(byte value) => Put(ArgTag.Byte, value, null, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(byte value, string? format) => Put(ArgTag.Byte, value, format, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(short value) => Put(ArgTag.Int16, value, null, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(short value, string? format) => Put(ArgTag.Int16, value, format, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(ushort value) => Put(ArgTag.UInt16, value, null, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(ushort value, string? format) => Put(ArgTag.UInt16, value, format, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(int value) => Put(ArgTag.Int32, value, null, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(int value, string? format) => Put(ArgTag.Int32, value, format, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(uint value) => Put(ArgTag.UInt32, value, null, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(uint value, string? format) => Put(ArgTag.UInt32, value, format, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(long value) => Put(ArgTag.Int64, value, null, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(long value, string? format) => Put(ArgTag.Int64, value, format, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(ulong value) => Put(ArgTag.UInt64, value, null, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(ulong value, string? format) => Put(ArgTag.UInt64, value, format, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(float value) => Put(ArgTag.Single, value, null, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(float value, string? format) => Put(ArgTag.Single, value, format, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(double value) => Put(ArgTag.Double, value, null, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(double value, string? format) => Put(ArgTag.Double, value, format, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(bool value) => Put(ArgTag.Bool, value, null, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(bool value, string? format) => Put(ArgTag.Bool, value, format, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(char value) => Put(ArgTag.Char, value, null, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(char value, string? format) => Put(ArgTag.Char, value, format, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(DateTime value) => Put(ArgTag.DateTime, value, null, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(DateTime value, string? format) => Put(ArgTag.DateTime, value, format, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(DateTimeOffset value) => Put(ArgTag.DateTimeOffset, value, null, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(DateTimeOffset value, string? format) => Put(ArgTag.DateTimeOffset, value, format, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(MonoTime value) => Put(ArgTag.MonoTime, value.Ticks, null, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFormatted(MonoTime value, string? format) => Put(ArgTag.MonoTime, value.Ticks, format, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Put<T>(ArgTag tag, T value, string? format, int alignment) where T : unmanaged
    {
        byte* p = _pos;
        if (p + 1 + sizeof(T) > _end)
        {
            Room room = Reserve(_producer, _start, p, 1 + sizeof(T), format, alignment);
            _end = room.End;
            if (room.Units < 0) return;
        }
        *p = (byte)tag;
        Unsafe.WriteUnaligned(p + 1, value);
        _pos = p + 1 + sizeof(T);
    }
}
