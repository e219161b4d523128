namespace Appliance.WebSockets.Connection;

/// <summary>A copy of <see cref="WebSocketCounters"/> taken at one moment, for reports.</summary>
public readonly record struct WebSocketCountersSnapshot(
    long FramesReceived,
    long MessagesReceived,
    long BytesReceived,
    long MessageBytesReceived,
    long PingsReceived,
    long PongsReceived,
    long LastRttNanos,
    long ProtocolErrors,
    int CloseCodeReceived,
    long FramesSent,
    long BytesSent,
    long MessagesSent,
    long PingsSent,
    long PongsSent,
    int CloseCodeSent);
