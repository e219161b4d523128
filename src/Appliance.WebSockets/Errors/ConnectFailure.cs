namespace Appliance.WebSockets.Errors;

/// <summary>Why a connection could not be opened.</summary>
public enum ConnectFailure
{
    InvalidUri,
    DnsFailed,
    ConnectFailed,
    ConnectTimeout,
    TlsFailed,
    HandshakeTimeout,
    /// <summary>The server answered with a status other than 101 (and not a redirect).</summary>
    HandshakeRejected,
    /// <summary>The server answered with a 3xx: redirects are reported, never followed.</summary>
    Redirect,
    /// <summary>The 101 response broke RFC 6455 4.1 (accept key, upgrade headers, subprotocol, extensions).</summary>
    InvalidHandshake,
    ConnectionClosed,
}
