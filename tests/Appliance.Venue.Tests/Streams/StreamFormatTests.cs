using System.Text;
using Appliance.MarketData.Events;
using Appliance.MarketData.Instruments;
using Appliance.Venue.Tests.Support;

namespace Appliance.Venue.Tests.Streams;

/// <summary>What the venue sends is Binance's format: our production decoder takes every message, and ids run on.</summary>
public sealed class StreamFormatTests
{
    private static string AllStreams(VenueHost venue) => string.Join('/',
        venue.Instruments.SelectMany(i => new[]
        {
            "trade", "aggTrade", "bookTicker", "depth", "depth@100ms", "depth5", "depth10@100ms", "depth20", "depth20@100ms",
        }.Select(k => i.StreamSymbol + "@" + k)));

    [Test]
    public async Task Every_message_of_every_stream_decodes_with_our_decoder()
    {
        await using VenueHost venue = await Venues.StartAsync(o => o.Rate = 5000);
        InstrumentTable table = venue.CreateInstrumentTable();
        using var client = StreamClient.Connect(venue.WebSocketUri("/stream?streams=" + AllStreams(venue)));
        byte[][] messages = client.WaitFor(m => m.Length >= 3000 && m.Count(p => p.AsSpan().IndexOf("depth20@100ms"u8) >= 0) >= 6,
            "3000 messages including several partial-depth ones", TimeSpan.FromSeconds(20));

        List<MarketEvent> events = Decoded.All(table, messages);
        var kinds = events.GroupBy(e => e.Kind).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(kinds.Keys, Is.SupersetOf(new[] { MarketEventKind.Trade, MarketEventKind.BestBidOffer, MarketEventKind.DepthDiff, MarketEventKind.DepthSnapshot }));
        Assert.That(events.Select(e => e.InstrumentId).Distinct().Count(), Is.EqualTo(3), "every instrument");
        foreach (MarketEvent e in events.Where(e => e.Kind == MarketEventKind.BestBidOffer))
            Assert.That(e.Levels[0].Price, Is.LessThan(e.Levels[1].Price), "bookTicker bid below ask");
    }

    [Test]
    public async Task Diff_depth_update_ids_are_consecutive_on_both_diff_streams()
    {
        await using VenueHost venue = await Venues.StartAsync(o => o.Rate = 5000);
        InstrumentTable table = venue.CreateInstrumentTable();
        using var client = StreamClient.Connect(venue.WebSocketUri("/stream?streams=btcusdt@depth/ethusdt@depth@100ms/solusdt@depth/solusdt@trade"));
        byte[][] messages = client.WaitForCount(3000, TimeSpan.FromSeconds(20));

        AssertContinuous(table, messages);
    }

    [Test]
    public async Task Interval_pacing_aggregates_diffs_and_ids_still_run_on()
    {
        await using VenueHost venue = await Venues.StartAsync(o => { o.Rate = 5000; o.DepthPace = DepthPace.Interval; });
        InstrumentTable table = venue.CreateInstrumentTable();
        using var client = StreamClient.Connect(venue.WebSocketUri("/stream?streams=btcusdt@depth@100ms/ethusdt@depth"));
        byte[][] messages = client.WaitFor(m => m.Count(p => p.AsSpan().IndexOf("ethusdt@depth\""u8) >= 0) >= 3, "3 one-second diffs", TimeSpan.FromSeconds(20));

        List<MarketEvent> diffs = AssertContinuous(table, messages);
        // Aggregation: each 100 ms diff covers many update ids (about 5000 / 3 / 10 ≈ 170 steps of one or more ids).
        double idsPerDiff = diffs.Where(e => e.Part == 0).Average(e => e.LastId - e.FirstId + 1);
        Assert.That(idsPerDiff, Is.GreaterThan(20), "ids per aggregated diff");
    }

    [Test]
    public async Task Raw_stream_sends_bare_payloads_and_partial_depth_decodes_with_the_connection_instrument()
    {
        await using VenueHost venue = await Venues.StartAsync(o => o.Rate = 3000);
        InstrumentTable table = venue.CreateInstrumentTable();
        using var client = StreamClient.Connect(venue.WebSocketUri("/ws/ethusdt@depth10@100ms"));
        byte[][] messages = client.WaitForCount(3, TimeSpan.FromSeconds(10));
        foreach (byte[] m in messages) Assert.That(Encoding.ASCII.GetString(m), Does.StartWith("{\"lastUpdateId\":"));
        table.TryGetId("ETHUSDT"u8, out int eth);
        List<MarketEvent> events = Decoded.All(table, messages, defaultInstrument: eth);
        foreach (MarketEvent e in events)
        {
            Assert.That(e.Kind, Is.EqualTo(MarketEventKind.DepthSnapshot));
            Assert.That((e.BidCount, e.AskCount), Is.EqualTo((10, 10)));
            Assert.That(e.InstrumentId, Is.EqualTo(eth));
        }
    }

    [Test]
    public async Task Prices_are_padded_to_eight_decimals_unless_asked_otherwise()
    {
        await using VenueHost padded = await Venues.StartAsync();
        await using VenueHost exact = await Venues.StartAsync(o => o.Decimals = 0);
        using var a = StreamClient.Connect(padded.WebSocketUri("/ws/btcusdt@bookTicker"));
        using var b = StreamClient.Connect(exact.WebSocketUri("/ws/solusdt@bookTicker"));
        Assert.That(Encoding.ASCII.GetString(a.WaitForCount(1)[0]), Does.Match("\"b\":\"[0-9]+\\.[0-9]{8}\""));
        Assert.That(Encoding.ASCII.GetString(b.WaitForCount(1)[0]), Does.Match("\"b\":\"[0-9]+\\.[0-9]{3}\",\"B\":\"[0-9]+\\.[0-9]{3}\""));
    }

    /// <summary>Per symbol and stream: depth U = previous u + 1; trade ids and aggTrade ids step by one.</summary>
    internal static List<MarketEvent> AssertContinuous(InstrumentTable table, byte[][] messages)
    {
        var lastDepth = new Dictionary<(int, string), long>();
        var lastTrade = new Dictionary<int, long>();
        var diffs = new List<MarketEvent>();
        var decoder = new MarketData.Decoding.BinanceDecoder(table);
        var buffer = new MarketEventBuffer(256);
        int checkedDiffs = 0, checkedTrades = 0;
        foreach (byte[] payload in messages)
        {
            buffer.Clear();
            var result = decoder.Decode(payload, default, ref buffer);
            Assert.That(result.IsOk, Is.True, result.ToString());
            string stream = Encoding.ASCII.GetString(payload, 11, payload.AsSpan(11).IndexOf((byte)'"'));
            MarketEvent first = buffer.Events[0];
            if (first.Kind == MarketEventKind.DepthDiff)
            {
                var key = (first.InstrumentId, stream);
                if (lastDepth.TryGetValue(key, out long last))
                {
                    Assert.That(first.FirstId, Is.EqualTo(last + 1), $"{stream}: U after u={last}");
                    checkedDiffs++;
                }
                Assert.That(first.LastId, Is.GreaterThanOrEqualTo(first.FirstId));
                lastDepth[key] = first.LastId;
                diffs.Add(first);
            }
            else if (first.Kind == MarketEventKind.Trade && stream.EndsWith("@trade", StringComparison.Ordinal))
            {
                if (lastTrade.TryGetValue(first.InstrumentId, out long t))
                {
                    Assert.That(first.TradeId, Is.EqualTo(t + 1), $"{stream}: trade id");
                    checkedTrades++;
                }
                lastTrade[first.InstrumentId] = first.TradeId;
            }
        }
        Assert.That(checkedDiffs, Is.GreaterThan(10), "diffs checked");
        return diffs;
    }
}
