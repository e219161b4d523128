using System.Text.Json;
using Appliance.MarketData.Config;
using Appliance.MarketData.Events;
using Appliance.MarketData.Feed;
using Appliance.MarketData.Instruments;
using Appliance.MarketData.Journal;
using Appliance.Primitives.Rings;
using Appliance.Venue;

namespace Appliance.MarketData.Tests.Support;

/// <summary>
/// A venue simulator in this process, a feed session against it, and a collector in the strategy's seat.
/// Lines are tagged ("?tag=a") so faults can be aimed at one of them.
/// </summary>
internal sealed class FeedRig : IAsyncDisposable
{
    private FeedRig(VenueHost venue, InstrumentTable instruments)
    {
        Venue = venue;
        Instruments = instruments;
    }

    public VenueHost Venue { get; }
    public InstrumentTable Instruments { get; }
    public FeedSession Session { get; private set; } = null!;
    public EventCollector Collector { get; private set; } = null!;
    public SpscRing<MarketEvent> Ring { get; private set; } = null!;
    public JournalWriter? Journal { get; private set; }

    public static async Task<FeedRig> StartVenueAsync(long rate = 1000, Action<VenueOptions>? configure = null)
    {
        var options = new VenueOptions { Urls = "http://127.0.0.1:0", Log = false, Rate = rate, DepthLevels = 200, Seed = 7 };
        configure?.Invoke(options);
        VenueHost venue = await VenueServer.StartAsync(options);
        return new FeedRig(venue, venue.CreateInstrumentTable());
    }

    public FeedConfig Line(string tag, string[] streams, int staleAfterMs = 2000, int initialBackoffMs = 50, int maxBackoffMs = 400, string line = "A") => new()
    {
        Name = $"feed-{tag}",
        Url = Venue.WebSocketUri($"/stream?tag={tag}").ToString(),
        SnapshotUrl = new Uri(Venue.BaseUri, "api/v3/depth").ToString(),
        Streams = streams,
        Line = line,
        Group = "rig",
        StaleAfterMs = staleAfterMs,
        Backoff = new BackoffConfig { InitialMs = initialBackoffMs, MaxMs = maxBackoffMs, Jitter = 0.2 },
        SnapshotDepth = 1000,
        ConnectTimeoutMs = 2000,
    };

    public FeedSession Start(FeedConfig[] lines, int ringCapacity = 1 << 16, OverloadPolicy overload = OverloadPolicy.Drop, string? journalDirectory = null,
        bool collect = true, HaltFlag? halt = null, TimeSpan? spin = null)
    {
        Ring = new SpscRing<MarketEvent>(ringCapacity, "rig feed → test");
        if (journalDirectory is not null) Journal = new JournalWriter(new JournalWriterOptions { Directory = journalDirectory, FilePrefix = "rig" });
        Session = new FeedSession(new FeedSessionOptions
        {
            Name = "rig",
            Lines = lines,
            Instruments = Instruments,
            Ring = Ring,
            Overload = overload,
            OverloadSpin = spin ?? TimeSpan.FromMicroseconds(50),
            Halt = halt ?? (overload == OverloadPolicy.Halt ? new HaltFlag() : null),
            Journal = Journal,
            Idle = FeedIdle.Backoff,
            Seed = 42,
        });
        if (collect) Collector = new EventCollector(Ring, Instruments.Count);
        Session.Start();
        return Session;
    }

    public int IdOf(string venueSymbol) => Instruments.TryGetId(System.Text.Encoding.ASCII.GetBytes(venueSymbol), out int id) ? id : throw new ArgumentException(venueSymbol);

    /// <summary>Pauses the market and waits until the session has delivered everything the venue sent.</summary>
    public async Task<JsonElement> PauseAndDrainAsync(string symbol, TimeSpan timeout)
    {
        JsonElement paused = await Venue.Control.PauseAsync();
        long lastUpdate = paused.GetProperty("symbols").GetProperty(symbol).GetProperty("last_update_id").GetInt64();
        int id = IdOf(symbol);
        Collector.WaitFor(_ => Collector.Books[id].Version >= 0 && BookId(id) >= lastUpdate, timeout, $"{symbol} book at update {lastUpdate}");
        return paused;
    }

    public long BookId(int instrument)
    {
        var snap = new MarketData.Books.BookSnapshot(Collector.Books[instrument].Depth);
        return Collector.Books[instrument].TryRead(snap) ? snap.LastUpdateId : -1;
    }

    /// <summary>Our book of <paramref name="symbol"/> equals the simulator's whole book, level by level.</summary>
    public async Task AssertBookEqualsVenueAsync(string symbol)
    {
        int id = IdOf(symbol);
        Instrument instrument = Instruments[id];
        JsonElement venueBook = await Venue.Control.BookAsync(symbol);
        var snap = new MarketData.Books.BookSnapshot(Collector.Books[id].Depth);
        Assert.That(Collector.Books[id].TryRead(snap), Is.True);
        Assert.That(snap.LastUpdateId, Is.EqualTo(venueBook.GetProperty("lastUpdateId").GetInt64()), "book update id");
        AssertSide(snap.Bids, venueBook.GetProperty("bids"), instrument, "bids");
        AssertSide(snap.Asks, venueBook.GetProperty("asks"), instrument, "asks");
        Assert.That(snap.Truncated, Is.False);
    }

    private static void AssertSide(ReadOnlySpan<BookLevel> ours, JsonElement theirs, Instrument instrument, string side)
    {
        var expected = theirs.EnumerateArray().Select(l => new BookLevel(
            Units(l[0].GetString()!, instrument.PriceScale), Units(l[1].GetString()!, instrument.QuantityScale))).ToArray();
        Assert.That(ours.ToArray(), Is.EqualTo(expected), $"{side}: {ours.Length} levels against the venue's {expected.Length}");
    }

    private static long Units(string text, int scale)
    {
        Assert.That(Primitives.FixedPoint.FixedDecimal.TryParse(System.Text.Encoding.ASCII.GetBytes(text), scale, out long units),
            Is.EqualTo(Primitives.FixedPoint.FixedParseStatus.Ok), text);
        return units;
    }

    public async Task<JsonElement> FaultAsync(string json)
    {
        JsonElement answer = await Venue.Control.FaultAsync(json);
        Assert.That(answer.GetProperty("faults").GetArrayLength(), Is.GreaterThan(0), $"fault {json} hit no connection: {answer}");
        return answer;
    }

    public async ValueTask DisposeAsync()
    {
        Session?.Stop();
        Collector?.Dispose();
        Journal?.Dispose();
        await Venue.DisposeAsync();
    }
}
