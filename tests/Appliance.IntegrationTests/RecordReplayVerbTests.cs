using System.Text.Json;
using Appliance.Venue;

namespace Appliance.IntegrationTests;

/// <summary>
/// `appliance record`, `replay` and `journal` on the AOT binary against the venue simulator: one recording
/// (two feed groups, one of them A/B lines) shared by the tests below.
/// </summary>
[NonParallelizable]
public class RecordReplayVerbTests
{
    private VenueHost _venue = null!;
    private string _dir = null!;
    private string _config = null!;
    private string _journal = null!;
    private ApplianceProcess.Result _record = null!;

    [OneTimeSetUp]
    public async Task RecordOnce()
    {
        _venue = await VenueServer.StartAsync(new VenueOptions { Urls = "http://127.0.0.1:0", Log = false, Rate = 1000, DepthLevels = 300 });
        _dir = Directory.CreateTempSubdirectory("appliance-record-").FullName;
        _config = Path.Combine(_dir, "appliance.json");
        _journal = Path.Combine(_dir, "journal");
        File.WriteAllText(_config, Config(_venue.Port));
        _record = ApplianceProcess.Run($"record --config {_config} --out {_journal} --seconds 2", TimeSpan.FromSeconds(60));
    }

    [OneTimeTearDown]
    public async Task TearDown()
    {
        await _venue.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private static string Config(int port) => $$"""
        {
          "logging": { "level": "warning" },
          "instruments": [
            {"symbol":"BTC-USDT","venueSymbol":"BTCUSDT","priceScale":2,"quantityScale":5,"tickSize":"0.01","lotSize":"0.00001","bookDepth":1000},
            {"symbol":"ETH-USDT","venueSymbol":"ETHUSDT","priceScale":2,"quantityScale":4,"tickSize":"0.01","lotSize":"0.0001","bookDepth":1000}
          ],
          "feeds": [
            {"name":"md-a","group":"md","line":"A","url":"ws://127.0.0.1:{{port}}/stream","snapshotUrl":"http://127.0.0.1:{{port}}/api/v3/depth",
             "streams":["btcusdt@trade","btcusdt@bookTicker","btcusdt@depth@100ms"]},
            {"name":"md-b","group":"md","line":"B","url":"ws://127.0.0.1:{{port}}/stream","snapshotUrl":"http://127.0.0.1:{{port}}/api/v3/depth",
             "streams":["btcusdt@trade","btcusdt@bookTicker","btcusdt@depth@100ms"]},
            {"name":"eth","url":"ws://127.0.0.1:{{port}}/ws","snapshotUrl":"http://127.0.0.1:{{port}}/api/v3/depth",
             "streams":["ethusdt@aggTrade","ethusdt@depth"]}
          ],
          "ring": {"capacity":65536,"overload":"drop","spinMicroseconds":50},
          "journal": {"enabled":true,"directory":"/var/lib/appliance/journal","fsync":"interval","fsyncIntervalMs":200,"maxSegmentMB":256}
        }
        """;

    private static string[] Report(string stdout) => stdout.Split('\n').SkipWhile(l => !l.StartsWith("events:", StringComparison.Ordinal)).Where(l => l.Length > 0).ToArray();

    [Test]
    public void Record_then_replay_prints_the_same_counts_and_digest()
    {
        Assert.That(_record.ExitCode, Is.Zero, _record.Stderr + _record.Stdout);
        string[] recorded = Report(_record.Stdout);
        Assert.That(recorded, Has.Some.Match("^digest: [0-9a-f]{64}$"));
        Assert.That(recorded, Has.Some.Match(@"^\s+Trade\s+[1-9]"));
        Assert.That(recorded, Has.Some.Match(@"^\s+Status\.Resynced\s+2$"));
        Assert.That(_record.Stderr, Does.Not.Contain("dropped"));

        ApplianceProcess.Result replay = ApplianceProcess.Run($"replay --config {_config} --journal {_journal}");
        Assert.That(replay.ExitCode, Is.Zero, replay.Stderr);
        Assert.That(Report(replay.Stdout), Is.EqualTo(recorded));
        Assert.That(replay.Stdout, Does.Contain("group md: ").And.Contain("group eth: "));
    }

    [Test]
    public void Replay_paced_times_n_gives_the_same_digest()
    {
        ApplianceProcess.Result replay = ApplianceProcess.Run($"replay --config {_config} --journal {_journal} --pace x8");
        Assert.That(replay.ExitCode, Is.Zero, replay.Stderr);
        Assert.That(Report(replay.Stdout), Is.EqualTo(Report(_record.Stdout)));
        Assert.That(replay.Stdout, Does.Contain("(x8)"));
    }

    [Test]
    public void Journal_stats_counts_records_by_kind_and_dump_jsonl_has_one_object_per_record()
    {
        string segment = Path.Combine(_journal, "eth-000000.journal");
        ApplianceProcess.Result stats = ApplianceProcess.Run($"journal stats {segment}");
        Assert.That(stats.ExitCode, Is.Zero, stats.Stderr);
        Assert.That(stats.Stdout, Does.Contain("session-start 1").And.Contain("connected 1").And.Contain("snapshot 1").And.Contain("damage: none"));
        long records = long.Parse(System.Text.RegularExpressions.Regex.Match(stats.Stdout, @"records: (\d+)").Groups[1].Value);

        ApplianceProcess.Result dump = ApplianceProcess.Run($"journal dump {segment} --format jsonl");
        Assert.That(dump.ExitCode, Is.Zero, dump.Stderr);
        string[] lines = dump.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(records));
        var kinds = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("kind").GetString()).ToList();
        Assert.That(kinds[0], Is.EqualTo("session-start"));
        Assert.That(kinds, Has.Some.EqualTo("payload"));
        JsonElement snapshot = lines.Select(l => JsonDocument.Parse(l).RootElement).First(e => e.GetProperty("kind").GetString() == "snapshot");
        Assert.That(snapshot.GetProperty("http").GetInt32(), Is.EqualTo(200));
        Assert.That(snapshot.GetProperty("payload").GetString(), Does.StartWith("{\"lastUpdateId\":"));
    }

    [Test]
    public void A_journal_truncated_mid_record_dumps_every_whole_record_then_names_the_offset()
    {
        string source = Path.Combine(_journal, "eth-000000.journal");
        string torn = Path.Combine(_dir, "torn", "eth-000000.journal");
        Directory.CreateDirectory(Path.GetDirectoryName(torn)!);
        byte[] bytes = File.ReadAllBytes(source);
        File.WriteAllBytes(torn, bytes[..^30]);
        int whole = ApplianceProcess.Run($"journal dump {source}").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

        ApplianceProcess.Result dump = ApplianceProcess.Run($"journal dump {torn}");
        Assert.That(dump.ExitCode, Is.EqualTo(65));
        Assert.That(dump.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(whole - 1));
        Assert.That(dump.Stderr, Does.Match(@"torn tail at offset \d+"));

        ApplianceProcess.Result replay = ApplianceProcess.Run($"replay --config {_config} --journal {torn}");
        Assert.That(replay.ExitCode, Is.EqualTo(65), replay.Stderr);
        Assert.That(replay.Stdout, Does.Contain("digest: "));
        Assert.That(replay.Stderr, Does.Contain("torn tail at offset"));
    }

    [Test]
    public void A_file_that_is_not_a_journal_is_a_clear_error()
    {
        string bad = Path.Combine(_dir, "bad-000000.journal");
        File.WriteAllText(bad, "this is not a journal at all, but it is longer than sixty-four bytes of header, surely.");
        ApplianceProcess.Result stats = ApplianceProcess.Run($"journal stats {bad}");
        Assert.That(stats.ExitCode, Is.EqualTo(65));
        Assert.That(stats.Stderr, Does.Contain(bad).And.Contain("bad magic"));
        Assert.That(ApplianceProcess.Run($"journal dump {Path.Combine(_dir, "missing")}").ExitCode, Is.EqualTo(66));
    }

    [Test]
    public void Replay_with_another_configuration_is_refused()
    {
        string other = Path.Combine(_dir, "other.json");
        File.WriteAllText(other, Config(_venue.Port).Replace("\"ethusdt@aggTrade\",", "", StringComparison.Ordinal));
        ApplianceProcess.Result replay = ApplianceProcess.Run($"replay --config {other} --journal {_journal}");
        Assert.That(replay.ExitCode, Is.EqualTo(65));
        Assert.That(replay.Stderr, Does.Contain("different feed configuration").And.Contain("streams ethusdt@aggTrade ethusdt@depth"));
    }

    [Test]
    public void A_bad_configuration_lists_every_error_with_its_path_and_exits_78()
    {
        string bad = Path.Combine(_dir, "bad.json");
        File.WriteAllText(bad, Config(_venue.Port).Replace("\"capacity\":65536", "\"capacity\":1000").Replace("\"fsync\":\"interval\"", "\"fsync\":\"often\""));
        ApplianceProcess.Result record = ApplianceProcess.Run($"record --config {bad} --out {Path.Combine(_dir, "never")} --seconds 1");
        Assert.That(record.ExitCode, Is.EqualTo(78));
        Assert.That(record.Stderr, Does.Contain("$.ring.capacity: 1000 must be a power of two").And.Contain("$.journal.fsync: 'often'"));
        Assert.That(Directory.Exists(Path.Combine(_dir, "never")), Is.False);
    }

    [Test]
    public void Recording_into_a_directory_that_holds_a_journal_is_refused()
    {
        ApplianceProcess.Result record = ApplianceProcess.Run($"record --config {_config} --out {_journal} --seconds 1");
        Assert.That(record.ExitCode, Is.EqualTo(64));
        Assert.That(record.Stderr, Does.Contain("already holds a journal"));
    }
}
