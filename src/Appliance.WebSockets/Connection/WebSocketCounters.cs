using System.Runtime.InteropServices;

namespace Appliance.WebSockets.Connection;

/// <summary>
/// Per-connection counters. Each group has one writer: the receive thread writes the receive group,
/// senders (serialised by the send lock) write the send group. Readers on other threads (admin, metrics)
/// use the properties, which read volatile. The groups sit 128 bytes apart so the receive thread's
/// stores never share a cache line (or its prefetched neighbour) with the senders'.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 512)]
public sealed class WebSocketCounters
{
    // Receive group: written only by the thread that runs Receive/ReceiveAsync.
    [FieldOffset(128)] internal long FramesReceivedField;
    [FieldOffset(136)] internal long MessagesReceivedField;
    [FieldOffset(144)] internal long BytesReceivedField;
    [FieldOffset(152)] internal long MessageBytesReceivedField;
    [FieldOffset(160)] internal long PingsReceivedField;
    [FieldOffset(168)] internal long PongsReceivedField;
    [FieldOffset(176)] internal long LastRttNanosField;
    [FieldOffset(184)] internal long ProtocolErrorsField;
    [FieldOffset(192)] internal int CloseCodeReceivedField;
    [FieldOffset(200)] internal long LastReceiveTicksField;

    // Send group: written under the send lock.
    [FieldOffset(320)] internal long FramesSentField;
    [FieldOffset(328)] internal long BytesSentField;
    [FieldOffset(336)] internal long MessagesSentField;
    [FieldOffset(344)] internal long PingsSentField;
    [FieldOffset(352)] internal long PongsSentField;
    [FieldOffset(360)] internal int CloseCodeSentField;

    /// <summary>Frames parsed, control frames included.</summary>
    public long FramesReceived => Volatile.Read(ref FramesReceivedField);
    /// <summary>Data messages delivered to the handler.</summary>
    public long MessagesReceived => Volatile.Read(ref MessagesReceivedField);
    /// <summary>Bytes read from the socket or TLS stream after the handshake.</summary>
    public long BytesReceived => Volatile.Read(ref BytesReceivedField);
    /// <summary>Payload bytes delivered to the handler (after inflation).</summary>
    public long MessageBytesReceived => Volatile.Read(ref MessageBytesReceivedField);
    public long PingsReceived => Volatile.Read(ref PingsReceivedField);
    public long PongsReceived => Volatile.Read(ref PongsReceivedField);
    /// <summary>Round trip of our last keep-alive ping, in nanoseconds; 0 before the first pong.</summary>
    public long LastRttNanos => Volatile.Read(ref LastRttNanosField);
    public long ProtocolErrors => Volatile.Read(ref ProtocolErrorsField);
    /// <summary>Close code in the server's close frame; 0 when none was seen (1005 when it carried no code).</summary>
    public int CloseCodeReceived => Volatile.Read(ref CloseCodeReceivedField);
    /// <summary><see cref="Primitives.Time.MonoClock"/> ticks of the last read that returned data.</summary>
    public long LastReceiveTicks => Volatile.Read(ref LastReceiveTicksField);

    public long FramesSent => Volatile.Read(ref FramesSentField);
    public long BytesSent => Volatile.Read(ref BytesSentField);
    public long MessagesSent => Volatile.Read(ref MessagesSentField);
    public long PingsSent => Volatile.Read(ref PingsSentField);
    public long PongsSent => Volatile.Read(ref PongsSentField);
    public int CloseCodeSent => Volatile.Read(ref CloseCodeSentField);

    public WebSocketCountersSnapshot Snapshot() => new(
        FramesReceived, MessagesReceived, BytesReceived, MessageBytesReceived, PingsReceived, PongsReceived,
        LastRttNanos, ProtocolErrors, CloseCodeReceived, FramesSent, BytesSent, MessagesSent, PingsSent, PongsSent, CloseCodeSent);
}
