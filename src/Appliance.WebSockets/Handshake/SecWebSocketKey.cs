using System.Security.Cryptography;
using System.Text;

namespace Appliance.WebSockets.Handshake;

/// <summary>RFC 6455 4.1/4.2.2: the client's random nonce and the accept value a server must derive from it.</summary>
public static class SecWebSocketKey
{
    private const string Guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>16 random bytes, base64: a fresh key per connection.</summary>
    public static string Create()
    {
        Span<byte> nonce = stackalloc byte[16];
        RandomNumberGenerator.Fill(nonce);
        return Convert.ToBase64String(nonce);
    }

    /// <summary>base64(SHA-1(key + the RFC's GUID)).</summary>
    public static string ComputeAccept(string key)
    {
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(Encoding.ASCII.GetBytes(key + Guid), hash);
        return Convert.ToBase64String(hash);
    }
}
