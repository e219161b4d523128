using System.Text.Json;

namespace Appliance.IntegrationTests.Daemon;

/// <summary>
/// The native daemon trading through the venue gateway (order entry over WebSocket) against the simulator:
/// the key from the secrets file, READY only once the gateway is logged in, fills from the venue, and a
/// SIGTERM that flattens through the venue before the process exits.
/// </summary>
[NonParallelizable]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class VenueTradingTests
{
    private const string Key = "venue-KEY-0123456789";

    [Test]
    public async Task The_reference_strategy_trades_on_the_venue_and_the_stop_leaves_it_flat()
    {
        await using var fx = await DaemonFixture.StartAsync();
        string secrets = Path.Combine(fx.Directory, "secrets.json");
        File.WriteAllText(secrets, $$"""{ "venue.apiKey": "{{Key}}" }""");
        File.SetUnixFileMode(secrets, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        string extra = TradingConfigs.Sections("venue", Path.Combine(fx.Directory, "decisions"), fx.Venue.Port) + $"\"secretsFile\": {JsonSerializer.Serialize(secrets)},";
        using var daemon = new DaemonProcess(fx.WriteConfig(extra: extra));

        var risk = Ctl.WaitFor(fx.SocketPath, "risk", a => a.GetProperty("fills").GetInt64() > 0, TimeSpan.FromSeconds(90));
        Assert.That(risk.GetProperty("gateway").GetString(), Is.EqualTo("venue"));
        var venue = risk.GetProperty("venue");
        Assert.That(venue.GetProperty("ready").GetBoolean(), Is.True);
        Assert.That(venue.GetProperty("connects").GetInt64(), Is.GreaterThanOrEqualTo(1));
        Assert.That(venue.GetProperty("requests").GetInt64(), Is.GreaterThan(2), "login, reconciliation queries and orders");
        Assert.That(Ctl.Answer(fx.SocketPath, "status").GetProperty("strategy").GetProperty("venue").GetString(), Is.EqualTo("ready"));
        var config = Ctl.Answer(fx.SocketPath, "config");
        Assert.That(config.GetProperty("secrets")[0].GetProperty("name").GetString(), Is.EqualTo("venue.apiKey"));

        daemon.Signal(DaemonProcess.SIGTERM);
        Assert.That(daemon.WaitForExit(TimeSpan.FromSeconds(60)), Is.Zero, daemon.Output);
        Assert.That(daemon.Stdout, Does.Match(@"trading: \d+ fills, .* state HALTED, flat"));
        Assert.That(daemon.Stdout, Does.Contain("decision digest"));
        Assert.That(daemon.Stdout + daemon.Stderr, Does.Not.Contain(Key), "the venue key reached the log");
    }
}
