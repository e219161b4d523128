using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Appliance.Venue.WebSockets;

/// <summary>
/// The server side of the RFC 6455 opening handshake on a Kestrel request: checks the upgrade headers, answers
/// 101 with Sec-WebSocket-Accept and hands back the raw duplex stream. The venue frames by hand (rather than
/// through ASP.NET Core's WebSocket) so it can batch writes and misbehave on purpose: drop without a close
/// frame, stall while still answering pings, send junk.
/// </summary>
internal static class ServerHandshake
{
    private const string Guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>Null when the request is not a valid WebSocket upgrade: <paramref name="error"/> says why.</summary>
    public static string? Validate(HttpContext context, out string? error)
    {
        error = null;
        HttpRequest request = context.Request;
        IHttpUpgradeFeature? upgrade = context.Features.Get<IHttpUpgradeFeature>();
        if (upgrade is null || !upgrade.IsUpgradableRequest) { error = "not an HTTP/1.1 upgrade request"; return null; }
        if (!HttpMethods.IsGet(request.Method)) { error = "WebSocket handshake must be a GET"; return null; }
        if (!HasToken(request.Headers.Connection, "upgrade")) { error = "Connection header lacks 'Upgrade'"; return null; }
        if (!HasToken(request.Headers.Upgrade, "websocket")) { error = "Upgrade header is not 'websocket'"; return null; }
        if (request.Headers.SecWebSocketVersion != "13") { error = "Sec-WebSocket-Version must be 13"; return null; }
        string? key = request.Headers.SecWebSocketKey;
        Span<byte> decoded = stackalloc byte[32];
        if (key is null || !Convert.TryFromBase64String(key.Trim(), decoded, out int n) || n != 16)
        {
            error = "Sec-WebSocket-Key is not 16 bytes of base64";
            return null;
        }
        return key.Trim();
    }

    /// <summary>Sends the 101 answer and returns the connection's stream.</summary>
    public static async Task<Stream> AcceptAsync(HttpContext context, string key)
    {
        context.Response.Headers.Connection = "Upgrade";
        context.Response.Headers.Upgrade = "websocket";
        context.Response.Headers.SecWebSocketAccept = AcceptOf(key);
        IHttpUpgradeFeature upgrade = context.Features.Get<IHttpUpgradeFeature>()!;
        return await upgrade.UpgradeAsync();
    }

    public static string AcceptOf(string key) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + Guid)));

    private static bool HasToken(Microsoft.Extensions.Primitives.StringValues values, string token)
    {
        foreach (string? value in values)
        {
            if (value is null) continue;
            foreach (string part in value.Split(','))
                if (part.Trim().Equals(token, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}
