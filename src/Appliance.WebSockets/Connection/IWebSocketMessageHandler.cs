namespace Appliance.WebSockets.Connection;

/// <summary>
/// Receives each complete data message. Implement it on a struct and pass it by ref to
/// <see cref="WebSocketConnection.Receive{THandler}"/>: the JIT then specialises the receive loop for it
/// and the call is direct (no interface dispatch).
/// </summary>
public interface IWebSocketMessageHandler
{
    /// <summary>
    /// One whole message: reassembled if it was fragmented, inflated if it was compressed.
    /// <paramref name="payload"/> points into the receive pipe or the connection's reassembly buffer and is
    /// valid only until this call returns: copy what must outlive it.
    /// </summary>
    /// <param name="receiveTimestamp"><see cref="Primitives.Time.MonoClock"/> ticks taken when the read
    /// that completed the message returned.</param>
    void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp);
}
