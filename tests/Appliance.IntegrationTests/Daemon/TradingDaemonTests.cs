namespace Appliance.IntegrationTests.Daemon;

/// <summary>With a trading section the strategy stage is the trading engine (paper gateway): its verbs answer, the kill switch reaches it, a stop flattens it.</summary>
[NonParallelizable]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class TradingDaemonTests
{
    private const string Trading = """
        "trading": { "gateway": "paper" },
        "risk": { "capital": 100000, "maxOrderLots": 100000, "maxPositionLots": 100000 },
        "strategy": { "name": "ema-crossover", "instruments": [ "BTC-USDT" ], "indicators": { "input": "trades", "emaFast": 3, "emaSlow": 8 } },
        """;

    [Test]
    public async Task The_trading_engine_runs_as_the_strategy_stage_and_answers_the_kill_switch()
    {
        await using var fx = await DaemonFixture.StartAsync();
        using var daemon = new DaemonProcess(fx.WriteConfig(extra: Trading));
        string socket = fx.SocketPath;
        var status = Ctl.WaitFor(socket, "status", a => a.GetProperty("state").GetString() == "running", TimeSpan.FromSeconds(60));
        Assert.That(status.GetProperty("strategy").GetProperty("stage").GetString(), Is.EqualTo("trading"));
        Assert.That(status.GetProperty("strategy").GetProperty("strategy").GetString(), Is.EqualTo("ema-crossover"));
        Assert.That(status.GetProperty("strategy").GetProperty("gateway").GetString(), Is.EqualTo("paper"));

        var verbs = Ctl.Answer(socket, "help").GetProperty("verbs").EnumerateArray().Select(v => v.GetProperty("verb").GetString()).ToArray();
        Assert.That(verbs, Is.SupersetOf(new[] { "positions", "orders", "risk", "gateway" }));
        var positions = Ctl.Answer(socket, "positions").GetProperty("positions").EnumerateArray().Select(p => p.GetProperty("symbol").GetString());
        Assert.That(positions, Does.Contain("BTC-USDT"));
        Assert.That(Ctl.Answer(socket, "gateway").GetProperty("gateway").GetString(), Is.EqualTo("paper"));

        Assert.That(Ctl.Answer(socket, "halt test of the kill switch").GetProperty("result").GetString(), Does.StartWith("HALTED: test of the kill switch"));
        Assert.That(Ctl.Answer(socket, "risk").GetProperty("state").GetString(), Is.EqualTo("HALTED").IgnoreCase);
        var health = Ctl.Answer(socket, "health");
        Assert.That(health.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()), Has.Some.StartsWith("strategy: halted"));
        Assert.That(Ctl.Answer(socket, "resume").GetProperty("result").GetString(), Does.StartWith("ACTIVE"));

        daemon.Signal(DaemonProcess.SIGTERM);
        Assert.That(daemon.WaitForExit(TimeSpan.FromSeconds(30)), Is.Zero, daemon.Output);
        Assert.That(daemon.Stdout, Does.Contain("Flatten: HALTED").And.Contain("stopped in"));
        Assert.That(daemon.Stdout, Does.Not.Contain("NOT FLAT"));
    }
}
