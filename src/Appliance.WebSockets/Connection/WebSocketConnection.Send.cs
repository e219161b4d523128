using System.Buffers.Binary;
using System.Text;
using Appliance.Primitives.Time;
using Appliance.WebSockets.Errors;
using Appliance.WebSockets.Frames;

namespace Appliance.WebSockets.Connection;

// The send side: any thread, serialised by the sender's lock. Every method returns false instead of
// throwing when the connection is closing or gone.
public sealed partial class WebSocketConnection
{
    private long _lastPingTicks;

    public bool SendText(ReadOnlySpan<byte> utf8) => _sender.Send(Opcode.Text, utf8);

    public bool SendText(string text) => _sender.SendText(text);

    public bool SendBinary(ReadOnlySpan<byte> payload) => _sender.Send(Opcode.Binary, payload);

    /// <summary>A ping with a caller-chosen payload (≤ 125 bytes). Its pong is counted but not timed.</summary>
    public bool SendPing(ReadOnlySpan<byte> payload)
    {
        if (payload.Length > 125) ThrowHelper.ThrowArgumentOutOfRange(nameof(payload), "control frame payloads are at most 125 bytes");
        return _sender.Send(Opcode.Ping, payload);
    }

    /// <summary>An unsolicited pong (RFC 6455 5.5.3 allows it as a one-way heartbeat).</summary>
    public bool SendPong(ReadOnlySpan<byte> payload)
    {
        if (payload.Length > 125) ThrowHelper.ThrowArgumentOutOfRange(nameof(payload), "control frame payloads are at most 125 bytes");
        return _sender.Send(Opcode.Pong, payload);
    }

    /// <summary>
    /// A timed ping: its payload is the send time, and the matching pong sets
    /// <see cref="WebSocketCounters.LastRttNanos"/>. The keep-alive timer calls this; tools may too.
    /// </summary>
    public bool SendTimedPing()
    {
        Span<byte> payload = stackalloc byte[8];
        long now = MonoClock.Now();
        BinaryPrimitives.WriteInt64BigEndian(payload, now);
        Volatile.Write(ref _lastPingTicks, now);
        return _sender.Send(Opcode.Ping, payload);
    }

    /// <summary>
    /// Starts the close handshake: sends a close frame and keeps receiving until the server's close arrives
    /// (the receive loop then returns <see cref="ReceiveStatus.Closed"/>) or the close timeout drops the connection.
    /// </summary>
    public bool Close(ushort code = CloseCode.NormalClosure, string? reason = null)
    {
        if (!CloseCode.IsValidOnWire(code)) ThrowHelper.ThrowArgumentOutOfRange(nameof(code), $"{code} may not be sent in a close frame");
        byte[] reasonBytes = reason is null ? [] : Encoding.UTF8.GetBytes(reason);
        if (reasonBytes.Length > 123) ThrowHelper.ThrowArgumentOutOfRange(nameof(reason), "close reason is at most 123 UTF-8 bytes");
        if (Interlocked.CompareExchange(ref _closeSentTicks, MonoClock.Now(), 0) != 0) return false;
        if (!_sender.SendClose(code, reasonBytes)) return false;
        Interlocked.CompareExchange(ref _state, (int)WebSocketState.CloseSent, (int)WebSocketState.Open);
        return true;
    }

    /// <summary>Drops the connection without a close handshake; the receive loop returns Failed(Aborted).</summary>
    public void Abort() => Abort(WebSocketErrorKind.Aborted);

    private void Abort(WebSocketErrorKind reason)
    {
        if (Interlocked.CompareExchange(ref _abortReason, (int)reason, 0) == 0)
        {
            _sender.Stop();
            _transport.Shutdown();
        }
    }
}
