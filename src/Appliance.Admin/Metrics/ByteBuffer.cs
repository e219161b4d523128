using System.Text;

namespace Appliance.Admin.Metrics;

/// <summary>A growable UTF-8 buffer that can be cut back to an earlier length (to drop a failed collector's output).</summary>
internal sealed class ByteBuffer(int capacity = 4096)
{
    private byte[] _bytes = new byte[capacity];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _bytes.AsSpan(0, Length);

    public void Truncate(int length)
    {
        if ((uint)length > (uint)Length) throw new ArgumentOutOfRangeException(nameof(length));
        Length = length;
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        Span<byte> target = Reserve(bytes.Length);
        bytes.CopyTo(target);
        Length += bytes.Length;
    }

    public void Append(string text)
    {
        Span<byte> target = Reserve(Encoding.UTF8.GetMaxByteCount(text.Length));
        Length += Encoding.UTF8.GetBytes(text, target);
    }

    public void Append(byte ascii)
    {
        Reserve(1)[0] = ascii;
        Length++;
    }

    /// <summary>Room for <paramref name="count"/> more bytes; write there, then <see cref="Advance"/>.</summary>
    public Span<byte> Reserve(int count)
    {
        if (_bytes.Length - Length < count)
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + count));
        return _bytes.AsSpan(Length);
    }

    public void Advance(int count) => Length += count;
}
