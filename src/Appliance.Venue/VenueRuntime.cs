using Appliance.Venue.Connections;
using Appliance.Venue.Faults;
using Appliance.Venue.Market;
using Appliance.Venue.Replay;
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
        if (options.Replay is { } replay) Replay = new JournalReplay(replay, Log, Connections.SignalMarket, options.StartPaused);
        StartedUtc = DateTime.UtcNow;
    }

    public VenueOptions Options { get; }

    public ILogger Logger { get; }

    public StreamCatalog Catalog { get; }

    public MessageLog Log { get; }

    public ConnectionRegistry Connections { get; }

    public MarketGenerator Generator { get; }

    /// <summary>Replay mode: the journal being served (the random market then never runs).</summary>
    public JournalReplay? Replay { get; }

    public FaultBook Faults { get; } = new();

    public DateTime StartedUtc { get; }

    /// <summary>Connections closed because they fell a whole log behind (drop policy).</summary>
    public long SlowConsumerDrops;

    /// <summary>Starts the market: the random walk, or the journal.</summary>
    public void Start()
    {
        if (Replay is not null) Replay.Start();
        else Generator.Start();
    }

    public void Dispose()
    {
        Replay?.Dispose();
        Generator.Dispose();
    }
}
