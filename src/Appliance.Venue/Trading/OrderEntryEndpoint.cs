using System.Text;
using Appliance.Venue.WebSockets;
using Microsoft.AspNetCore.Http;

namespace Appliance.Venue.Trading;

/// <summary><c>/trade</c>: the order-entry WebSocket. <c>?tag=NAME</c> names the connection for the control API.</summary>
internal static class OrderEntryEndpoint
{
    public static async Task HandleAsync(HttpContext context, VenueRuntime venue, CancellationToken stopping)
    {
        if (venue.Options.Replay is not null)
        {
            await RejectAsync(context, 409, "order entry needs the random market; this venue is replaying a journal");
            return;
        }
        string? key = ServerHandshake.Validate(context, out string? error);
        if (key is null)
        {
            await RejectAsync(context, 400, error!);
            return;
        }
        string? tag = context.Request.Query["tag"].ToString() is { Length: > 0 } t ? t : null;
        Stream stream = await ServerHandshake.AcceptAsync(context, key);
        var connection = new OrderEntryConnection(venue, context, stream, venue.Connections.NextId(), tag);
        venue.Connections.Add(connection);
        try
        {
            await connection.RunAsync(stopping);
        }
        finally
        {
            venue.Connections.Remove(connection);
        }
    }

    private static async Task RejectAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(message));
    }
}
