using System.Net;
using System.Net.Sockets;
using Appliance.WebSockets.Errors;

namespace Appliance.WebSockets.Handshake;

/// <summary>Where a ws:// or wss:// URI points: what to resolve, which port, what to ask for.</summary>
public sealed record WebSocketEndpoint(string Host, int Port, bool Secure, string Resource, string HostHeader)
{
    public static WebSocketEndpoint Parse(Uri uri)
    {
        if (!uri.IsAbsoluteUri)
            throw new WebSocketConnectException(ConnectFailure.InvalidUri, $"'{uri}' is not an absolute ws:// or wss:// URI");
        bool secure = uri.Scheme switch
        {
            "ws" => false,
            "wss" => true,
            _ => throw new WebSocketConnectException(ConnectFailure.InvalidUri, $"'{uri}': scheme must be ws or wss, not {uri.Scheme}"),
        };
        // RFC 6455 3: a WebSocket URI has no fragment.
        if (uri.Fragment.Length > 0)
            throw new WebSocketConnectException(ConnectFailure.InvalidUri, $"'{uri}': a WebSocket URI must not have a fragment");

        string host = uri.IdnHost; // IPv6 without brackets, IDN as punycode: what DNS and SNI want
        int port = uri.IsDefaultPort ? (secure ? 443 : 80) : uri.Port;
        string resource = string.IsNullOrEmpty(uri.PathAndQuery) ? "/" : uri.PathAndQuery;
        string hostForHeader = uri.HostNameType == UriHostNameType.IPv6 ? $"[{host}]" : host;
        string hostHeader = uri.IsDefaultPort ? hostForHeader : $"{hostForHeader}:{port}";
        return new WebSocketEndpoint(host, port, secure, resource, hostHeader);
    }

    /// <summary>True when <see cref="Host"/> is an address literal (no DNS, no SNI).</summary>
    public bool HostIsAddress => IPAddress.TryParse(Host, out _);

    internal async Task<IPAddress[]> ResolveAsync(CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(Host, out IPAddress? address)) return [address];
        try
        {
            IPAddress[] addresses = await Dns.GetHostAddressesAsync(Host, cancellationToken).ConfigureAwait(false);
            if (addresses.Length == 0) throw new WebSocketConnectException(ConnectFailure.DnsFailed, $"{Host}: no addresses");
            return addresses;
        }
        catch (SocketException e)
        {
            throw new WebSocketConnectException(ConnectFailure.DnsFailed, $"{Host}: {e.Message}", inner: e);
        }
    }
}
