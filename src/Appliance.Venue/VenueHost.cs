using Appliance.MarketData.Instruments;
using Appliance.Venue.Market;
using Microsoft.AspNetCore.Builder;

namespace Appliance.Venue;

/// <summary>A running venue: where it listens, its market, and how to stop it (dispose).</summary>
public sealed class VenueHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _disposed;

    internal VenueHost(WebApplication app, VenueRuntime runtime, Uri address)
    {
        _app = app;
        Runtime = runtime;
        Port = address.Port;
        BaseUri = new Uri($"http://127.0.0.1:{Port}/");
        Control = new VenueControlClient(BaseUri);
    }

    internal VenueRuntime Runtime { get; }

    public VenueOptions Options => Runtime.Options;

    /// <summary>The bound port (the one asked for, or the one Kestrel picked for port 0).</summary>
    public int Port { get; }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseUri { get; }

    /// <summary>The control API over HTTP.</summary>
    public VenueControlClient Control { get; }

    public IReadOnlyList<VenueInstrument> Instruments => Options.Instruments;

    /// <summary>The instrument table a client configures for this venue (ids in the venue's order).</summary>
    public InstrumentTable CreateInstrumentTable() => DefaultMarket.TableOf(Options.Instruments);

    /// <summary>ws://127.0.0.1:PORT + <paramref name="pathAndQuery"/> ("/stream?streams=btcusdt@depth").</summary>
    public Uri WebSocketUri(string pathAndQuery) => new($"ws://127.0.0.1:{Port}{pathAndQuery}");

    internal void StartMarket() => Runtime.Start();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _app.StopAsync();
        Runtime.Dispose();
        await _app.DisposeAsync();
        Control.Dispose();
    }
}
