using Appliance.Venue.Connections;
using Appliance.Venue.Faults;
using Appliance.Venue.Market;
using Appliance.Venue.Streams;
using Microsoft.Extensions.Logging;

namespace Appliance.Venue;

/// <summary>The venue's parts, shared by every endpoint: market, log, connections, faults.</summary>
internal sealed class VenueRuntime : IDisposable
{
    public VenueRuntime(VenueOptions options, ILogger logger)
    {
        Options = options;
        Logger = logger;
        Catalog = new StreamCatalog(options.Instruments);
        Log = new MessageLog(options.BufferEntries, options.BufferMegabytes * 1024 * 1024, options.SlowConsumer);
        Connections = new ConnectionRegistry();
        Log.SetSlowestReader(Connections.SlowestMarketCursor);
        Generator = new MarketGenerator(options, Log);
        Generator.OnPublished(Connections.SignalMarket);
        StartedUtc = DateTime.UtcNow;
    }

    public VenueOptions Options { get; }

    public ILogger Logger { get; }

    public StreamCatalog Catalog { get; }

    public MessageLog Log { get; }

    public ConnectionRegistry Connections { get; }

    public MarketGenerator Generator { get; }

    public FaultBook Faults { get; } = new();

    public DateTime StartedUtc { get; }

    /// <summary>Connections closed because they fell a whole log behind (drop policy).</summary>
    public long SlowConsumerDrops;

    public void Dispose() => Generator.Dispose();
}
