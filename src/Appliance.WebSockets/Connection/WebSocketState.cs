namespace Appliance.WebSockets.Connection;

public enum WebSocketState
{
    Open,
    /// <summary>We sent a close frame and wait for the server's.</summary>
    CloseSent,
    Closed,
    Failed,
}
