using System.Net.Sockets;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace Appliance.Venue.Connections;

/// <summary>Ends a connection the rude way: SO_LINGER 0 then abort, so the peer gets a TCP reset.</summary>
internal static class ConnectionDrop
{
    public static void Reset(HttpContext context)
    {
        Socket? socket = context.Features.Get<IConnectionSocketFeature>()?.Socket;
        try
        {
            socket?.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closing: the abort below does what is left.
        }
        context.Abort();
    }
}
