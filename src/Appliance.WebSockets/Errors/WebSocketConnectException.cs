namespace Appliance.WebSockets.Errors;

/// <summary>Opening a connection failed. Cold path: connect is allowed to throw.</summary>
public sealed class WebSocketConnectException : Exception
{
    public ConnectFailure Failure { get; }
    /// <summary>The HTTP status of the handshake response, or 0 when none was read.</summary>
    public int StatusCode { get; }

    public WebSocketConnectException(ConnectFailure failure, string message, int statusCode = 0, Exception? inner = null)
        : base(message, inner)
    {
        Failure = failure;
        StatusCode = statusCode;
    }
}
