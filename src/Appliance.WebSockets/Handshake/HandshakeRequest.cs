using System.Text;

namespace Appliance.WebSockets.Handshake;

/// <summary>The HTTP/1.1 Upgrade request of RFC 6455 4.1.</summary>
internal static class HandshakeRequest
{
    public static byte[] Build(WebSocketEndpoint endpoint, string key, IReadOnlyList<string> subProtocols,
        string? extensionsOffer, IReadOnlyList<KeyValuePair<string, string>> extraHeaders)
    {
        var sb = new StringBuilder(256);
        sb.Append("GET ").Append(endpoint.Resource).Append(" HTTP/1.1\r\n");
        sb.Append("Host: ").Append(endpoint.HostHeader).Append("\r\n");
        sb.Append("Upgrade: websocket\r\n");
        sb.Append("Connection: Upgrade\r\n");
        sb.Append("Sec-WebSocket-Key: ").Append(key).Append("\r\n");
        sb.Append("Sec-WebSocket-Version: 13\r\n");
        if (subProtocols.Count > 0)
        {
            foreach (string p in subProtocols) CheckToken(p, "subprotocol");
            sb.Append("Sec-WebSocket-Protocol: ").AppendJoin(", ", subProtocols).Append("\r\n");
        }
        if (extensionsOffer is not null) sb.Append("Sec-WebSocket-Extensions: ").Append(extensionsOffer).Append("\r\n");
        foreach (var (name, value) in extraHeaders)
        {
            CheckToken(name, "header name");
            if (IsReserved(name)) throw new ArgumentException($"header '{name}' is set by the WebSocket handshake itself");
            if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0) throw new ArgumentException($"header '{name}': value contains CR, LF or NUL");
            sb.Append(name).Append(": ").Append(value).Append("\r\n");
        }
        sb.Append("\r\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static bool IsReserved(string name) =>
        name.Equals("Host", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("Upgrade", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("Connection", StringComparison.OrdinalIgnoreCase) ||
        name.StartsWith("Sec-WebSocket-", StringComparison.OrdinalIgnoreCase);

    // RFC 7230 token: visible ASCII except separators.
    private static void CheckToken(string s, string what)
    {
        if (s.Length == 0) throw new ArgumentException($"empty {what}");
        foreach (char c in s)
        {
            if (c <= ' ' || c >= 0x7F || "()<>@,;:\\\"/[]?={}".Contains(c))
                throw new ArgumentException($"{what} '{s}' is not an HTTP token");
        }
    }
}
