using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Appliance.WebSockets.Connection;
using Appliance.WebSockets.Frames;

namespace Appliance.WebSockets.Sending;

/// <summary>
/// Writes masked client frames through a preallocated buffer: header and masked payload are assembled
/// there and written in as few calls as the buffer allows; nothing is allocated per send. A lock
/// serialises senders because the receive thread answers pings while other threads may send
/// (SslStream allows one writer at a time); it is uncontended in the common case.
/// </summary>
internal sealed class FrameSender
{
    private readonly Lock _lock = new();
    private readonly Transport _transport;
    private readonly WebSocketCounters _counters;
    private readonly MaskKeySource _masks = new();
    private readonly byte[] _buffer;
    private bool _closeSent;
    private bool _failed;

    public FrameSender(Transport transport, WebSocketCounters counters, int bufferSize = 16 * 1024)
    {
        _transport = transport;
        _counters = counters;
        _buffer = new byte[FrameHeader.MaxSize + Math.Max(bufferSize, 256)];
    }

    public bool CloseSent
    {
        get { lock (_lock) return _closeSent; }
    }

    /// <summary>False when the connection is closing or broken (nothing was sent).</summary>
    public bool Send(Opcode opcode, ReadOnlySpan<byte> payload, bool fin = true)
    {
        lock (_lock)
        {
            if (_closeSent || _failed) return false;
            if (!WriteFrame(opcode, payload, fin)) return false;
            _counters.FramesSentField++;
            if (fin && opcode is Opcode.Text or Opcode.Binary or Opcode.Continuation) _counters.MessagesSentField++;
            if (opcode == Opcode.Ping) _counters.PingsSentField++;
            else if (opcode == Opcode.Pong) _counters.PongsSentField++;
            return true;
        }
    }

    /// <summary>Encodes <paramref name="text"/> as UTF-8 without allocating (stack for small, pool for large).</summary>
    public bool SendText(string text)
    {
        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        Span<byte> utf8 = max <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            int n = Encoding.UTF8.GetBytes(text, utf8);
            return Send(Opcode.Text, utf8.Slice(0, n));
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Sends the close frame once; after it no frame is sent. False if one was already sent.</summary>
    public bool SendClose(ushort code, ReadOnlySpan<byte> reasonUtf8)
    {
        Span<byte> payload = stackalloc byte[125];
        int length = 0;
        if (code != 0)
        {
            BinaryPrimitives.WriteUInt16BigEndian(payload, code);
            int reason = Math.Min(reasonUtf8.Length, 123);
            reasonUtf8.Slice(0, reason).CopyTo(payload.Slice(2));
            length = 2 + reason;
        }
        lock (_lock)
        {
            if (_closeSent || _failed) return false;
            _closeSent = true;
            if (!WriteFrame(Opcode.Close, payload.Slice(0, length), true)) return false;
            _counters.FramesSentField++;
            _counters.CloseCodeSentField = code;
            return true;
        }
    }

    /// <summary>Marks the sender closed without sending (the connection failed or was aborted).</summary>
    public void Stop()
    {
        lock (_lock) _failed = true;
    }

    private bool WriteFrame(Opcode opcode, ReadOnlySpan<byte> payload, bool fin)
    {
        uint mask = _masks.Next();
        int header = FrameWriter.WriteClientHeader(_buffer, opcode, fin, payload.Length, mask);
        int chunk = Math.Min(payload.Length, _buffer.Length - header);
        Masking.Apply(payload.Slice(0, chunk), _buffer.AsSpan(header), mask, 0);
        if (!_transport.Write(_buffer.AsSpan(0, header + chunk))) return Failed();
        long sent = header + chunk;
        for (int offset = chunk; offset < payload.Length; offset += chunk)
        {
            chunk = Math.Min(payload.Length - offset, _buffer.Length);
            Masking.Apply(payload.Slice(offset, chunk), _buffer, mask, offset);
            if (!_transport.Write(_buffer.AsSpan(0, chunk))) return Failed();
            sent += chunk;
        }
        _counters.BytesSentField += sent;
        return true;
    }

    private bool Failed()
    {
        _failed = true;
        return false;
    }
}
