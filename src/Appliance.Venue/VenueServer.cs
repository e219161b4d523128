using Appliance.Venue.Connections;
using Appliance.Venue.Control;
using Appliance.Venue.Rest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Appliance.Venue;

/// <summary>
/// Starts the venue on Kestrel: in-process (<c>await using var venue = await VenueServer.StartAsync(options)</c>,
/// as tests do) or from <c>Program</c> as a child process. Endpoints: docs/venue.md.
/// </summary>
public static class VenueServer
{
    public static async Task<VenueHost> StartAsync(VenueOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        if (options.Log)
        {
            builder.Logging.AddSimpleConsole(c => { c.SingleLine = true; c.TimestampFormat = "HH:mm:ss.fff "; });
            builder.Logging.SetMinimumLevel(LogLevel.Information);
            builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        }
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // A stalled or trickling connection is the point of some faults: Kestrel must not cut it.
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
        });

        WebApplication app = builder.Build();
        VenueRuntime? venue = null;
        try
        {
            venue = new VenueRuntime(options, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Appliance.Venue"));
            Map(app, venue, app.Lifetime.ApplicationStopping);
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            venue?.Dispose();
            await app.DisposeAsync();
            throw;
        }
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var host = new VenueHost(app, venue, new Uri(address));
        host.StartMarket();
        return host;
    }

    private static void Map(WebApplication app, VenueRuntime venue, CancellationToken stopping)
    {
        app.Map("/ws", new RequestDelegate(c => MarketDataEndpoint.HandleAsync(c, venue, combined: false, stopping)));
        app.Map("/ws/{**streams}", new RequestDelegate(c => MarketDataEndpoint.HandleAsync(c, venue, combined: false, stopping)));
        app.Map("/stream", new RequestDelegate(c => MarketDataEndpoint.HandleAsync(c, venue, combined: true, stopping)));
        app.Map("/trade", new RequestDelegate(c => Trading.OrderEntryEndpoint.HandleAsync(c, venue, stopping)));

        app.MapGet("/api/v3/depth", new RequestDelegate(c => RestEndpoints.DepthAsync(c, venue)));
        app.MapGet("/api/v3/ping", new RequestDelegate(RestEndpoints.PingAsync));
        app.MapGet("/api/v3/time", new RequestDelegate(RestEndpoints.TimeAsync));
        app.MapGet("/api/v3/exchangeInfo", new RequestDelegate(c => RestEndpoints.ExchangeInfoAsync(c, venue)));

        RouteGroupBuilder control = app.MapGroup("/control");
        control.AddEndpointFilter(async (context, next) =>
            ControlEndpoints.IsLoopback(context.HttpContext) ? await next(context) : Results.StatusCode(403));
        control.MapGet("/book", new RequestDelegate(c => ControlEndpoints.BookAsync(c, venue)));
        control.MapPost("/pause", new RequestDelegate(c => ControlEndpoints.PauseAsync(c, venue)));
        control.MapPost("/resume", new RequestDelegate(c => ControlEndpoints.ResumeAsync(c, venue)));
        control.MapPost("/step", new RequestDelegate(c => ControlEndpoints.StepAsync(c, venue)));
        control.MapGet("/stats", new RequestDelegate(c => ControlEndpoints.StatsAsync(c, venue)));
        control.MapGet("/connections", new RequestDelegate(c => ControlEndpoints.ConnectionsAsync(c, venue)));
        control.MapPost("/fault", new RequestDelegate(c => ControlEndpoints.FaultAsync(c, venue)));
        control.MapGet("/fault/{id}", new RequestDelegate(c => ControlEndpoints.FaultByIdAsync(c, venue)));
    }
}
