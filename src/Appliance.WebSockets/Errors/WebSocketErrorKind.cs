namespace Appliance.WebSockets.Errors;

/// <summary>
/// Every way a connection can fail after the handshake. Protocol kinds map to the close code we send
/// (<see cref="WebSocketError.CloseCode"/>); transport kinds end the connection without one.
/// </summary>
public enum WebSocketErrorKind : byte
{
    None = 0,

    // RFC 6455 protocol violations by the server (we close with 1002 unless noted).
    ReservedBitsSet,            // RSV2/RSV3, or RSV1 on a control/continuation frame
    CompressionNotNegotiated,   // RSV1 set but permessage-deflate was not agreed
    UnknownOpcode,              // opcodes 3-7 and 0xB-0xF
    MaskedFrameFromServer,      // RFC 6455 5.1: a client must fail on a masked server frame
    FragmentedControlFrame,     // control frame without FIN
    ControlFrameTooLong,        // control payload > 125 bytes
    InvalidPayloadLength,       // 64-bit length with the most significant bit set
    UnexpectedContinuation,     // continuation frame while no message is in progress
    ExpectedContinuation,       // new text/binary frame while a fragmented message is in progress
    InvalidClosePayload,        // close payload of exactly one byte
    InvalidCloseCode,           // close code that may not appear on the wire (1005, 1006, 999, ...)
    InflateFailed,              // permessage-deflate payload is not valid DEFLATE data

    // Payload content (1007).
    InvalidUtf8,                // text message or close reason is not valid UTF-8

    // Our limits (1009).
    FrameTooLarge,
    MessageTooLarge,

    // Transport and timers: no close frame can be exchanged any more.
    ConnectionClosedWithoutCloseFrame, // EOF before the close handshake (1006 in the RFC's terms)
    TransportError,                    // socket or TLS read/write failed
    IdleTimeout,                       // nothing received for longer than the idle timeout
    CloseTimeout,                      // our close frame was not answered in time
    Aborted,                           // closed locally with Abort()
}
