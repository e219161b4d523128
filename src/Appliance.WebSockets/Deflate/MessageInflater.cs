using System.IO.Compression;

namespace Appliance.WebSockets.Deflate;

/// <summary>
/// permessage-deflate decompression into a reusable output buffer. One raw-DEFLATE inflater lives for the
/// whole connection, which is right for both context-takeover modes: with server_no_context_takeover the
/// server resets its compressor per message, so no back-reference crosses a message boundary and the
/// inflater's retained window is simply never used. Measured: 0 bytes allocated per message in steady
/// state (DeflateStream.Read(Span) pins and calls zlib directly; its 8 KiB input buffer is rented once).
/// </summary>
internal sealed class MessageInflater : IDisposable
{
    private readonly InflateInput _input = new();
    private readonly DeflateStream _inflater;
    private readonly byte[] _probe = new byte[1];

    public MessageInflater()
    {
        _inflater = new DeflateStream(_input, CompressionMode.Decompress, leaveOpen: true);
    }

    /// <summary>
    /// Inflates one message. <paramref name="output"/> grows (doubling, never past
    /// <paramref name="maxLength"/>) when a message is larger than any before it.
    /// </summary>
    public InflateStatus Inflate(ReadOnlyMemory<byte> compressed, ref byte[] output, int maxLength, out int written)
    {
        _input.SetMessage(compressed);
        written = 0;
        try
        {
            while (true)
            {
                if (written == output.Length)
                {
                    if (output.Length >= maxLength)
                    {
                        // Full at the limit: one more byte means the message is too large.
                        return _inflater.Read(_probe) > 0 ? InflateStatus.TooLarge : InflateStatus.Ok;
                    }
                    Array.Resize(ref output, (int)Math.Min((long)output.Length * 2, maxLength));
                }
                int requested = output.Length - written;
                int n = _inflater.Read(output, written, requested);
                written += n;
                // zlib stops short of a full output buffer only when its input ran out: once our input
                // (message + tail) has all been handed over, a short read means the message is complete.
                if (n < requested && _input.Exhausted) return InflateStatus.Ok;
                if (n == 0) return _input.Exhausted ? InflateStatus.Ok : InflateStatus.InvalidData;
            }
        }
        catch (InvalidDataException)
        {
            // Corrupt DEFLATE data from the server: a value for the parser, which fails the connection.
            return InflateStatus.InvalidData;
        }
    }

    public void Dispose()
    {
        _inflater.Dispose();
        _input.Dispose();
    }
}
