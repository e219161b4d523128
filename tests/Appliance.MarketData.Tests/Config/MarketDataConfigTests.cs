using System.Text;
using System.Text.Json;
using Appliance.MarketData.Config;
using Appliance.MarketData.Feed;
using Appliance.MarketData.Journal;

namespace Appliance.MarketData.Tests.Config;

public class MarketDataConfigTests
{
    internal const string Sample = """
    {
      "daemon": { "whatever": [1, 2, 3] },
      "instruments": [ {"symbol":"BTC-USDT","venueSymbol":"BTCUSDT","priceScale":2,"quantityScale":5,"tickSize":"0.01","lotSize":"0.00001","bookDepth":1000} ],
      "feeds": [ {"name":"binance-a","venue":"binance","url":"ws://127.0.0.1:9100/stream","snapshotUrl":"http://127.0.0.1:9100/api/v3/depth",
                  "streams":["btcusdt@trade","btcusdt@bookTicker","btcusdt@depth@100ms"],"line":"A","cpu":1,"staleAfterMs":2000,
                  "backoff":{"initialMs":100,"maxMs":5000,"jitter":0.2},"snapshotDepth":1000} ],
      "ring": {"capacity":65536,"overload":"drop","spinMicroseconds":50},  // overload: drop | spinThenDrop | halt
      "journal": {"enabled":true,"directory":"/var/lib/appliance/journal","fsync":"interval","fsyncIntervalMs":200,"maxSegmentMB":256}
    }
    """;

    private static MarketDataConfig Parse(string json) =>
        JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(json), MarketDataJsonContext.Default.MarketDataConfig)!;

    [Test]
    public void The_agreed_shape_parses_ignoring_other_sections_and_is_valid()
    {
        MarketDataConfig? config = MarketDataConfigReader.TryParse(Encoding.UTF8.GetBytes(Sample), out var errors);

        Assert.That(errors, Is.Empty);
        Assert.That(config, Is.Not.Null);
        InstrumentConfig i = config!.Instruments.Single();
        Assert.That((i.Symbol, i.VenueSymbol, i.PriceScale, i.QuantityScale, i.TickSize, i.LotSize, i.BookDepth),
            Is.EqualTo(("BTC-USDT", "BTCUSDT", 2, 5, "0.01", "0.00001", 1000)));
        Assert.That(i.ToInstrument().TickSizeUnits, Is.EqualTo(1));
        FeedConfig f = config.Feeds.Single();
        Assert.That(f.Streams, Is.EqualTo(new[] { "btcusdt@trade", "btcusdt@bookTicker", "btcusdt@depth@100ms" }));
        Assert.That((f.Line, f.Cpu, f.StaleAfterMs, f.Backoff.InitialMs, f.Backoff.MaxMs, f.Backoff.Jitter, f.SnapshotDepth, f.GroupName),
            Is.EqualTo(("A", (int?)1, 2000, 100, 5000, 0.2, 1000, "binance-a")));
        Assert.That(config.Ring.OverloadPolicy, Is.EqualTo(OverloadPolicy.Drop));
        JournalWriterOptions w = config.Journal.ToWriterOptions();
        Assert.That((w.Fsync, w.FsyncInterval, w.MaxSegmentBytes), Is.EqualTo((FsyncPolicy.Interval, TimeSpan.FromMilliseconds(200), 256L << 20)));
    }

    [Test]
    public void Overload_and_fsync_names_are_the_camel_case_ones()
    {
        Assert.That(Parse("""{"ring":{"overload":"spinThenDrop"}}""").Ring.OverloadPolicy, Is.EqualTo(OverloadPolicy.SpinThenDrop));
        Assert.That(Parse("""{"ring":{"overload":"halt"}}""").Ring.OverloadPolicy, Is.EqualTo(OverloadPolicy.Halt));
        Assert.That(Parse("""{"journal":{"fsync":"everyRecord"}}""").Journal.FsyncPolicy, Is.EqualTo(FsyncPolicy.EveryRecord));
        Assert.That(Parse("""{"journal":{"fsync":"never"}}""").Journal.FsyncPolicy, Is.EqualTo(FsyncPolicy.Never));
    }

    [Test]
    public void Every_error_is_reported_with_its_json_path()
    {
        const string json = """
        {
          "instruments": [
            {"symbol":"BTC-USDT","venueSymbol":"BTCUSDT","priceScale":2,"quantityScale":5,"tickSize":"0.001","lotSize":"0","bookDepth":0},
            {"symbol":"BTC-USDT","venueSymbol":"btcusdt","priceScale":40,"quantityScale":5,"tickSize":"0.01","lotSize":"0.00001"}
          ],
          "feeds": [
            {"name":"a","url":"ws://h/stream","snapshotUrl":"http://h/api/v3/depth","streams":["btcusdt@trade"],"line":"A"},
            {"name":"a","venue":"kraken","url":"http://h/stream","streams":["btcusdt@depth@100ms","ethusdt@trade","btcusdt@kline_1m"],
             "line":"","staleAfterMs":0,"backoff":{"initialMs":100,"maxMs":50,"jitter":1.5},"snapshotDepth":0,"cpu":-1,"rejoinHoldMs":-5},
            {"name":"b","group":"a","url":"ws://h/stream","streams":["btcusdt@bookTicker"],"line":"A","cpu":3,"rejoinHoldMs":100}
          ],
          "ring": {"capacity":1000,"overload":"block","spinMicroseconds":-1},
          "journal": {"enabled":true,"directory":"","fsync":"sometimes","fsyncIntervalMs":0,"maxSegmentMB":0,"ringMB":3}
        }
        """;

        IReadOnlyList<string> errors = MarketDataConfigValidator.Validate(Parse(json)).Select(e => e.ToString()).ToList();

        string[] expectedPaths =
        [
            "$.instruments[0].tickSize", "$.instruments[0].lotSize", "$.instruments[0].bookDepth",
            "$.instruments[1].symbol", "$.instruments[1].venueSymbol", "$.instruments[1].priceScale",
            "$.feeds[1].name", "$.feeds[1].venue", "$.feeds[1].url", "$.feeds[1].streams[1]", "$.feeds[1].streams[2]",
            "$.feeds[1].snapshotUrl", "$.feeds[1].line", "$.feeds[1].cpu", "$.feeds[1].staleAfterMs", "$.feeds[1].snapshotDepth", "$.feeds[1].rejoinHoldMs",
            "$.feeds[1].backoff.maxMs", "$.feeds[1].backoff.jitter",
            "$.feeds[2].line", "$.feeds[2].streams", "$.feeds[2].cpu", "$.feeds[2].rejoinHoldMs",
            "$.ring.capacity", "$.ring.overload", "$.ring.spinMicroseconds",
            "$.journal.directory", "$.journal.fsync", "$.journal.fsyncIntervalMs", "$.journal.maxSegmentMB", "$.journal.ringMB",
        ];
        Assert.That(errors.Select(e => e[..e.IndexOf(": ", StringComparison.Ordinal)]), Is.EquivalentTo(expectedPaths), string.Join("\n", errors));
        Assert.That(errors, Has.Member("$.feeds[1].staleAfterMs: must be > 0"));
        Assert.That(errors, Has.Some.StartsWith("$.feeds[1].streams[1]: symbol 'ethusdt'"));
        Assert.That(errors, Has.Some.StartsWith("$.feeds[1].snapshotUrl: is required"));
        Assert.That(errors, Has.Member("$.feeds[2].rejoinHoldMs: lines of group 'a' are arbitrated together: 100 differs from $.feeds[0]'s 500"));
    }

    [Test]
    public void A_json_type_error_names_the_path_and_line()
    {
        MarketDataConfig? config = MarketDataConfigReader.TryParse("""{"feeds":[{"name":"a","staleAfterMs":"soon"}]}"""u8, out var errors);

        Assert.That(config, Is.Null);
        Assert.That(errors.Single().Path, Is.EqualTo("$.feeds[0].staleAfterMs"));
        Assert.That(errors.Single().Message, Does.Contain("line 1"));
    }

    [Test]
    public void Nulls_where_objects_belong_are_errors_not_crashes()
    {
        var errors = MarketDataConfigValidator.Validate(Parse("""{"instruments":null,"feeds":[null],"ring":null,"journal":null}"""));
        Assert.That(errors.Select(e => e.Path), Is.EquivalentTo(new[] { "$.instruments", "$.feeds[0]", "$.ring", "$.journal" }));
    }

    [Test]
    public void Section_validators_report_paths_under_the_given_root()
    {
        var errors = new List<ConfigError>();
        MarketDataConfigValidator.ValidateRing(new RingConfig { Capacity = 3 }, "$.marketData.ring", errors);
        Assert.That(errors.Single().Path, Is.EqualTo("$.marketData.ring.capacity"));
    }

    [Test]
    public void Config_round_trips_through_the_source_generated_context()
    {
        MarketDataConfig config = Parse(Sample);
        string json = JsonSerializer.Serialize(config, MarketDataJsonContext.Default.MarketDataConfig);
        Assert.That(json, Does.Contain("\"venueSymbol\": \"BTCUSDT\"").And.Not.Contain("groupName").And.Not.Contain("overloadPolicy"));
        Assert.That(JsonSerializer.Serialize(Parse(json), MarketDataJsonContext.Default.MarketDataConfig), Is.EqualTo(json));
        Assert.That(MarketDataConfigValidator.Validate(Parse(json)), Is.Empty);
    }
}
