using System.Text;
using Appliance.Venue.Streams;
using Appliance.Venue.WebSockets;
using Microsoft.AspNetCore.Http;

namespace Appliance.Venue.Connections;

/// <summary>
/// <c>/ws</c>, <c>/ws/&lt;stream&gt;[/&lt;stream&gt;...]</c> (raw payloads) and <c>/stream?streams=a/b/c</c> (combined
/// wrapper), as at Binance. <c>?tag=NAME</c> names the connection for the control endpoint.
/// </summary>
internal static class MarketDataEndpoint
{
    public static async Task HandleAsync(HttpContext context, VenueRuntime venue, bool combined, CancellationToken stopping)
    {
        var slots = new List<int>();
        IEnumerable<string> names = combined
            ? (context.Request.Query["streams"].ToString()).Split('/', StringSplitOptions.RemoveEmptyEntries)
            : context.Request.Path.Value!.Length > 4 ? context.Request.Path.Value![4..].Split('/', StringSplitOptions.RemoveEmptyEntries) : [];
        foreach (string name in names)
        {
            if (venue.Catalog.TryParse(name, out int instrument, out StreamKind kind)) slots.Add(StreamCatalog.Slot(instrument, kind));
            else if (venue.Options.Replay is null)
            {
                await RejectAsync(context, 400, $"{{\"code\":2,\"msg\":\"Invalid request: unknown stream '{Escape(name)}'\"}}");
                return;
            }
        }

        string? key = ServerHandshake.Validate(context, out string? error);
        if (key is null)
        {
            await RejectAsync(context, 400, $"{{\"code\":-1,\"msg\":\"{Escape(error!)}\"}}");
            return;
        }

        string? tag = context.Request.Query["tag"].ToString() is { Length: > 0 } t ? t : null;
        Stream stream = await ServerHandshake.AcceptAsync(context, key);
        var connection = new MarketDataConnection(venue, context, stream, venue.Connections.NextId(), combined, tag);
        venue.Connections.Add(connection);
        try
        {
            await connection.RunAsync(slots, stopping);
        }
        finally
        {
            venue.Connections.Remove(connection);
        }
    }

    private static async Task RejectAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(json));
    }

    private static string Escape(string s) => s.Replace("\\", "\\\\").Replace("\"", "\\\"");
}
