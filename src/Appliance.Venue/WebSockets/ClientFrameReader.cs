using System.Buffers.Binary;

namespace Appliance.Venue.WebSockets;

/// <summary>
/// Reads client frames from the upgraded stream: checks the masking rule and limits, unmasks, reassembles
/// fragmented messages, and hands back whole messages and control frames. Cold path (clients send little:
/// subscriptions, requests, pings). A protocol violation ends reading with <see cref="Error"/> and the
/// close code to send.
/// </summary>
internal sealed class ClientFrameReader
{
    private readonly Stream _stream;
    private readonly int _maxMessage;
    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;
    private byte[]? _fragments;
    private int _fragmentLength;
    private byte _fragmentOpcode;

    public ClientFrameReader(Stream stream, int maxMessage = 1 << 20)
    {
        _stream = stream;
        _maxMessage = maxMessage;
    }

    public string? Error { get; private set; }

    public int ErrorCloseCode { get; private set; }

    public long BytesRead { get; private set; }

    /// <summary>The next message or control frame; null at end of stream or on a protocol error.</summary>
    public async ValueTask<ClientFrame?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryParse(out ClientFrame frame, out bool failed)) return frame;
            if (failed) return null;
            if (_start > 0 && _start == _end) _start = _end = 0;
            if (_end == _buffer.Length)
            {
                if (_start > 0)
                {
                    Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                    _end -= _start;
                    _start = 0;
                }
                else Array.Resize(ref _buffer, _buffer.Length * 2);
            }
            int n;
            try
            {
                n = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or Microsoft.AspNetCore.Connections.ConnectionResetException)
            {
                return null;
            }
            if (n == 0) return null;
            _end += n;
            BytesRead += n;
        }
    }

    private bool TryParse(out ClientFrame frame, out bool failed)
    {
        frame = default;
        failed = false;
        while (true)
        {
            ReadOnlySpan<byte> b = _buffer.AsSpan(_start, _end - _start);
            if (b.Length < 2) return false;
            bool fin = (b[0] & 0x80) != 0;
            int rsv = b[0] & 0x70;
            byte opcode = (byte)(b[0] & 0x0F);
            bool masked = (b[1] & 0x80) != 0;
            long length = b[1] & 0x7F;
            int header = 2;
            if (length == 126)
            {
                if (b.Length < 4) return false;
                length = BinaryPrimitives.ReadUInt16BigEndian(b[2..]);
                header = 4;
            }
            else if (length == 127)
            {
                if (b.Length < 10) return false;
                ulong l = BinaryPrimitives.ReadUInt64BigEndian(b[2..]);
                if (l > long.MaxValue) return Fail(1002, "64-bit length with the top bit set", out failed);
                length = (long)l;
                header = 10;
            }
            if (rsv != 0) return Fail(1002, "reserved bits set (no extension was negotiated)", out failed);
            if (!masked) return Fail(1002, "client frame not masked", out failed);
            bool control = opcode >= 0x8;
            if (opcode is > 0x2 and < 0x8 or > 0xA) return Fail(1002, $"unknown opcode {opcode}", out failed);
            if (control && (!fin || length > 125)) return Fail(1002, "control frame fragmented or longer than 125 bytes", out failed);
            if (length + _fragmentLength > _maxMessage) return Fail(1009, $"message longer than {_maxMessage} bytes", out failed);
            if (b.Length < header + 4 + length) return false;

            var payload = new byte[length];
            ReadOnlySpan<byte> mask = b.Slice(header, 4);
            ReadOnlySpan<byte> data = b.Slice(header + 4, (int)length);
            for (int i = 0; i < payload.Length; i++) payload[i] = (byte)(data[i] ^ mask[i & 3]);
            _start += header + 4 + (int)length;

            if (control)
            {
                frame = new ClientFrame(opcode, payload);
                return true;
            }
            if (opcode == ServerFrames.OpContinuation)
            {
                if (_fragments is null) return Fail(1002, "continuation without a message in progress", out failed);
                Append(payload);
                if (!fin) continue;
                frame = new ClientFrame(_fragmentOpcode, _fragments.AsMemory(0, _fragmentLength));
                _fragments = null;
                _fragmentLength = 0;
                return true;
            }
            if (_fragments is not null) return Fail(1002, "new message inside a fragmented one", out failed);
            if (fin)
            {
                frame = new ClientFrame(opcode, payload);
                return true;
            }
            _fragments = new byte[Math.Max(256, payload.Length * 2)];
            _fragmentOpcode = opcode;
            _fragmentLength = 0;
            Append(payload);
        }
    }

    private void Append(byte[] payload)
    {
        if (_fragmentLength + payload.Length > _fragments!.Length)
            Array.Resize(ref _fragments, Math.Max(_fragments.Length * 2, _fragmentLength + payload.Length));
        payload.CopyTo(_fragments, _fragmentLength);
        _fragmentLength += payload.Length;
    }

    private bool Fail(int code, string error, out bool failed)
    {
        Error = error;
        ErrorCloseCode = code;
        failed = true;
        return false;
    }
}
