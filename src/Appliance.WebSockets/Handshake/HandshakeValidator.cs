using Appliance.WebSockets.Deflate;
using Appliance.WebSockets.Errors;

namespace Appliance.WebSockets.Handshake;

/// <summary>The client's checks of the server's response (RFC 6455 4.1, the numbered list at its end).</summary>
internal static class HandshakeValidator
{
    public static HandshakeResult Validate(HandshakeResponse response, string key, IReadOnlyList<string> offeredProtocols, DeflateOptions? deflateOffer)
    {
        int status = response.StatusCode;
        if (status is >= 300 and < 400)
        {
            string location = response.Get("Location") ?? "(no Location header)";
            throw new WebSocketConnectException(ConnectFailure.Redirect, $"HTTP {status}: redirect to {location} not followed", status);
        }
        if (status != 101)
            throw new WebSocketConnectException(ConnectFailure.HandshakeRejected, $"HTTP {status} {response.ReasonPhrase}".TrimEnd(), status);

        string? upgrade = response.Get("Upgrade");
        if (upgrade is null || !upgrade.Equals("websocket", StringComparison.OrdinalIgnoreCase))
            throw Invalid($"Upgrade header is '{upgrade}', expected 'websocket'");

        string? connection = response.Get("Connection");
        if (connection is null || !HasToken(connection, "upgrade"))
            throw Invalid($"Connection header is '{connection}', expected 'Upgrade'");

        string? accept = response.Get("Sec-WebSocket-Accept");
        string expected = SecWebSocketKey.ComputeAccept(key);
        if (accept != expected)
            throw Invalid($"Sec-WebSocket-Accept is '{accept}', expected '{expected}'");

        string? protocol = response.Get("Sec-WebSocket-Protocol");
        if (protocol is not null && !offeredProtocols.Contains(protocol))
            throw Invalid($"server chose subprotocol '{protocol}' that we did not offer");

        string? extensions = response.Get("Sec-WebSocket-Extensions");
        DeflateParameters? deflate;
        try
        {
            deflate = DeflateNegotiation.Accept(extensions, deflateOffer);
        }
        catch (FormatException e)
        {
            throw Invalid($"Sec-WebSocket-Extensions '{extensions}': {e.Message}");
        }
        return new HandshakeResult(response, protocol, extensions, deflate);
    }

    private static bool HasToken(string list, string token)
    {
        foreach (string part in list.Split(','))
            if (part.Trim().Equals(token, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static WebSocketConnectException Invalid(string message) => new(ConnectFailure.InvalidHandshake, message, 101);
}
