namespace Appliance.WebSockets.Deflate;

/// <summary>
/// The stream a long-lived <see cref="System.IO.Compression.DeflateStream"/> reads compressed bytes from:
/// one message at a time, followed by the 0x00 0x00 0xFF 0xFF tail the sender stripped (RFC 7692 7.2.2).
/// Reading past the end returns 0; the next <see cref="SetMessage"/> refills it without allocating.
/// </summary>
internal sealed class InflateInput : Stream
{
    private static ReadOnlySpan<byte> Tail => [0x00, 0x00, 0xFF, 0xFF];

    private ReadOnlyMemory<byte> _message;
    private int _position;      // into _message, then 4 more for the tail

    public void SetMessage(ReadOnlyMemory<byte> compressed)
    {
        _message = compressed;
        _position = 0;
    }

    /// <summary>Every byte of the message and the tail has been handed to the reader.</summary>
    public bool Exhausted => _position == _message.Length + Tail.Length;

    public override int Read(Span<byte> buffer)
    {
        int written = 0;
        if (_position < _message.Length)
        {
            int n = Math.Min(buffer.Length, _message.Length - _position);
            _message.Span.Slice(_position, n).CopyTo(buffer);
            _position += n;
            written = n;
        }
        int tailStart = _position - _message.Length;
        if (tailStart >= 0 && tailStart < Tail.Length && written < buffer.Length)
        {
            int n = Math.Min(buffer.Length - written, Tail.Length - tailStart);
            Tail.Slice(tailStart, n).CopyTo(buffer.Slice(written));
            _position += n;
            written += n;
        }
        return written;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
