using Appliance.WebSockets.Frames;

namespace Appliance.WebSockets.Errors;

/// <summary>
/// A typed failure with the context needed to find it in a capture: the byte offset of the offending
/// frame in the stream after the handshake, its opcode and length, and the limit it broke.
/// A value, never thrown: the receive loop returns it.
/// </summary>
public readonly struct WebSocketError
{
    public WebSocketErrorKind Kind { get; }
    /// <summary>Offset of the first byte of the offending frame, counted from the end of the handshake; -1 when not a frame error.</summary>
    public long Offset { get; }
    public Opcode Opcode { get; }
    /// <summary>The payload (or message) length involved, when there is one; otherwise -1.</summary>
    public long Length { get; }
    /// <summary>The configured limit that was exceeded, or the bad close code; otherwise -1.</summary>
    public long Limit { get; }

    public WebSocketError(WebSocketErrorKind kind, long offset = -1, Opcode opcode = Opcode.Continuation, long length = -1, long limit = -1)
    {
        Kind = kind;
        Offset = offset;
        Opcode = opcode;
        Length = length;
        Limit = limit;
    }

    public bool IsNone => Kind == WebSocketErrorKind.None;

    /// <summary>Whether the failure is the server breaking the protocol (as opposed to transport or timers).</summary>
    public bool IsProtocolViolation => Kind is > WebSocketErrorKind.None and <= WebSocketErrorKind.MessageTooLarge;

    /// <summary>The close code we send for this failure; 0 when no close frame can be sent.</summary>
    public ushort CloseCode => Kind switch
    {
        WebSocketErrorKind.None => 0,
        WebSocketErrorKind.InvalidUtf8 => Errors.CloseCode.InvalidPayloadData,
        WebSocketErrorKind.FrameTooLarge or WebSocketErrorKind.MessageTooLarge => Errors.CloseCode.MessageTooBig,
        // The peer is presumed gone (or we gave up on it): the socket is shut without a close frame.
        WebSocketErrorKind.IdleTimeout or WebSocketErrorKind.CloseTimeout or WebSocketErrorKind.Aborted => 0,
        WebSocketErrorKind.ConnectionClosedWithoutCloseFrame or WebSocketErrorKind.TransportError => 0,
        _ => Errors.CloseCode.ProtocolError,
    };

    /// <summary>Short ASCII reason for the close frame (≤ 123 bytes).</summary>
    public string CloseReason => Kind switch
    {
        WebSocketErrorKind.InvalidUtf8 => "invalid UTF-8",
        WebSocketErrorKind.FrameTooLarge => "frame too large",
        WebSocketErrorKind.MessageTooLarge => "message too large",
        _ => "protocol error",
    };

    public override string ToString()
    {
        if (Kind == WebSocketErrorKind.None) return "none";
        if (!IsProtocolViolation) return Offset >= 0 ? $"{Kind} after {Offset} bytes" : Kind.ToString();
        var s = Kind.ToString();
        if (Offset >= 0) s += $" at offset {Offset} (opcode {Opcode}";
        else return s;
        if (Length >= 0) s += $", length {Length}";
        if (Limit >= 0) s += Kind == WebSocketErrorKind.InvalidCloseCode ? $", code {Limit}" : $", limit {Limit}";
        return s + ")";
    }
}
