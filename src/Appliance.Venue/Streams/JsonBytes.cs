using System.Buffers.Text;
using System.Runtime.CompilerServices;
using Appliance.Primitives.FixedPoint;

namespace Appliance.Venue.Streams;

/// <summary>
/// A growable UTF-8 buffer for writing the venue's JSON payloads by hand: fixed field order, no escaping
/// needed (symbols and stream names are ASCII letters and digits), decimals formatted exactly from
/// fixed-point units. One per writer thread, reused for every message.
/// </summary>
internal sealed class JsonBytes
{
    private byte[] _buffer;
    private int _length;

    public JsonBytes(int capacity = 4096) => _buffer = new byte[capacity];

    public int Length => _length;

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public void Clear() => _length = 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Raw(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Byte(byte b)
    {
        Ensure(1);
        _buffer[_length++] = b;
    }

    public void Long(long value)
    {
        Ensure(20);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out int written);
        _length += written;
    }

    public void Bool(bool value) => Raw(value ? "true"u8 : "false"u8);

    /// <summary>A quoted decimal: <paramref name="units"/> at <paramref name="scale"/>, written with <paramref name="decimals"/> decimals (≥ scale: zero padding, as Binance pads to 8).</summary>
    public void Decimal(long units, int scale, int decimals)
    {
        Ensure(FixedDecimal.MaxFormattedLength + 20);
        _buffer[_length++] = (byte)'"';
        int extra = decimals - scale;
        Span<byte> dest = _buffer.AsSpan(_length);
        FixedDecimal.TryFormat(units, scale, dest, out int written);
        _length += written;
        if (extra > 0)
        {
            if (scale == 0) _buffer[_length++] = (byte)'.';
            _buffer.AsSpan(_length, extra).Fill((byte)'0');
            _length += extra;
        }
        _buffer[_length++] = (byte)'"';
    }

    /// <summary>An ASCII string known to need no escaping.</summary>
    public void AsciiString(string value)
    {
        Ensure(value.Length + 2);
        _buffer[_length++] = (byte)'"';
        foreach (char c in value) _buffer[_length++] = (byte)c;
        _buffer[_length++] = (byte)'"';
    }

    private void Ensure(int more)
    {
        if (_length + more <= _buffer.Length) return;
        Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
    }
}
