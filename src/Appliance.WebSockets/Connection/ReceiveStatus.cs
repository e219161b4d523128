namespace Appliance.WebSockets.Connection;

/// <summary>What a receive call left the connection in.</summary>
public enum ReceiveStatus : byte
{
    /// <summary>Keep receiving.</summary>
    Open,
    /// <summary>The close handshake completed (see <see cref="WebSocketConnection.CloseCodeReceived"/>).</summary>
    Closed,
    /// <summary>The connection failed (see <see cref="WebSocketConnection.Error"/>); a close frame was sent when one could be.</summary>
    Failed,
}
