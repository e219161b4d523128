namespace Appliance.MarketData.Feed;

/// <summary>Why a line went down; journaled, and carried in <c>FirstId</c> of the Reconnecting status event.</summary>
public enum DisconnectReason : byte
{
    None = 0,
    /// <summary>The connect (TCP, TLS or handshake) failed.</summary>
    ConnectFailed,
    /// <summary>The server closed with a close handshake.</summary>
    ClosedByServer,
    /// <summary>Protocol violation, transport error, EOF without a close frame.</summary>
    Failed,
    /// <summary>No market message for the stale limit.</summary>
    Stale,
    /// <summary>Another thread asked for a reconnect.</summary>
    Requested,
    /// <summary>The session is stopping; no reconnect follows.</summary>
    Stopped,
}
