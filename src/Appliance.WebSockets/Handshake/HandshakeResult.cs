using Appliance.WebSockets.Deflate;

namespace Appliance.WebSockets.Handshake;

/// <summary>What the opening handshake settled: status, subprotocol, extensions.</summary>
public sealed record HandshakeResult(
    HandshakeResponse Response,
    string? SubProtocol,
    string? Extensions,
    DeflateParameters? Deflate)
{
    public int StatusCode => Response.StatusCode;
}
