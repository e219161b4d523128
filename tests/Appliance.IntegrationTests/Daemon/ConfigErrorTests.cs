namespace Appliance.IntegrationTests.Daemon;

/// <summary>A bad config is refused before anything starts, every mistake listed with its JSON path, exit 78.</summary>
public class ConfigErrorTests
{
    private const string Bad = """
        {
          "instruments": [ { "symbol": "BTC-USDT", "venueSymbol": "BTCUSDT", "priceScale": 2, "quantityScale": 5, "tickSize": "0.001", "lotSize": "0.00001" } ],
          "feeds": [ { "name": "binance", "url": "ftp://127.0.0.1/stream", "streams": [ "btcusdt@trade" ], "staleAfterMs": "soon" } ],
          "admin": { "socketPth": "/run/appliance/admin.sock", "maxClients": 0 },
          "threads": { "strategy": { "cpus": "7-3", "fifoPriority": 120 } },
          "session": { "timeZone": "Asia/Kolkatta", "open": "09:15" },
          "logging": { "level": "verbose" }
        }
        """;

    private static readonly string[] Paths =
    [
        "$.admin.maxClients", "$.admin.socketPth", "$.feeds[0].staleAfterMs", "$.instruments[0].tickSize", "$.logging.level",
        "$.session.close", "$.session.timeZone", "$.threads.strategy.cpus", "$.threads.strategy.fifoPriority",
    ];

    [TestCase("run --config {0}")]
    [TestCase("check-config {0}")]
    public void Every_mistake_is_reported_with_its_path_and_exit_78(string verb)
    {
        string file = Path.Combine(Path.GetTempPath(), $"appliance-bad-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, Bad);
        try
        {
            var r = ApplianceProcess.Run(string.Format(System.Globalization.CultureInfo.InvariantCulture, verb, file));
            Assert.That(r.ExitCode, Is.EqualTo(78), r.Stdout + r.Stderr);
            foreach (string path in Paths) Assert.That(r.Stderr, Does.Contain($"  {path}: "), r.Stderr);
            Assert.That(r.Stderr, Does.Contain("did you mean 'socketPath'"));
            Assert.That(r.Stdout, Is.Empty, "nothing started, nothing logged");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void The_shipped_configs_are_valid()
    {
        foreach (string name in new[] { "config/demo.json", "config/production.example.json" })
        {
            // The production example names /etc/appliance/secrets.json, which this machine does not have.
            var r = ApplianceProcess.Run($"check-config --skip-secrets {Path.Combine(ApplianceProcess.RepoRoot, name)}");
            Assert.That(r.ExitCode, Is.Zero, $"{name}: {r.Stdout}{r.Stderr}");
        }
    }
}
