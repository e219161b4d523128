namespace Appliance.Venue.Tests.Support;

/// <summary>Starts in-process venues the way tests want them: a free port, quiet, small buffers.</summary>
internal static class Venues
{
    public static Task<VenueHost> StartAsync(Action<VenueOptions>? configure = null)
    {
        var options = new VenueOptions
        {
            Urls = "http://127.0.0.1:0",
            Log = false,
            BufferMegabytes = 16,
            BufferEntries = 1 << 17,
            Rate = 2000,
            DepthLevels = 200,
        };
        configure?.Invoke(options);
        return VenueServer.StartAsync(options);
    }
}
