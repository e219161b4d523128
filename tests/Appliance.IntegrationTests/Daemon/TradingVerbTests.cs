using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Appliance.IntegrationTests.Daemon;

/// <summary>
/// The native daemon running the trading engine (paper gateway) against the simulator: `positions`,
/// `orders`, `risk` from the engine's snapshot, the kill switch through `halt`, `resume`, `flatten`, and the
/// stop sequence ending flat with the decision log's digest.
/// </summary>
[NonParallelizable]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class TradingVerbTests
{
    private DaemonFixture _fx = null!;
    private DaemonProcess _daemon = null!;
    private string _socket = "";

    [OneTimeSetUp]
    public async Task StartDaemon()
    {
        _fx = await DaemonFixture.StartAsync();
        _daemon = new DaemonProcess(_fx.WriteConfig(extra: TradingConfigs.Sections("paper", Path.Combine(_fx.Directory, "decisions"))));
        _socket = _fx.SocketPath;
        Ctl.WaitFor(_socket, "status", a => a.GetProperty("state").GetString() == "running", TimeSpan.FromSeconds(60));
    }

    [OneTimeTearDown]
    public async Task StopDaemon()
    {
        _daemon.Dispose();
        await _fx.DisposeAsync();
    }

    private static decimal[] Quantities(JsonElement positions) =>
        positions.GetProperty("positions").EnumerateArray().Select(p => p.GetProperty("quantity").GetDecimal()).ToArray();

    [Test, Order(1)]
    public void Positions_orders_and_risk_show_the_engine_trading()
    {
        var risk = Ctl.WaitFor(_socket, "risk", a => a.GetProperty("fills").GetInt64() > 0, TimeSpan.FromSeconds(90));
        Assert.That(risk.GetProperty("state").GetString(), Is.EqualTo("ACTIVE"));
        Assert.That(risk.GetProperty("gateway").GetString(), Is.EqualTo("paper"));
        Assert.That(risk.GetProperty("accepted").GetInt64(), Is.GreaterThan(0));
        Assert.That(risk.GetProperty("decisions").GetInt64(), Is.GreaterThan(0));
        Assert.That(risk.GetProperty("max_exposure").GetDouble(), Is.EqualTo(25_000));

        var positions = Ctl.Answer(_socket, "positions");
        Assert.That(positions.GetProperty("positions").EnumerateArray().Select(p => p.GetProperty("symbol").GetString()), Is.EqualTo(new[] { "BTC-USDT", "ETH-USDT" }));
        var btc = positions.GetProperty("positions")[0];
        Assert.That(btc.GetProperty("last").GetDecimal(), Is.GreaterThan(1000m), "marks come with the snapshot");
        Assert.That(btc.GetProperty("bid").GetDecimal(), Is.LessThan(btc.GetProperty("ask").GetDecimal()));
        Assert.That(positions.GetProperty("event").GetInt64(), Is.GreaterThan(100));

        var orders = Ctl.Answer(_socket, "orders BTC-USDT");
        Assert.That(orders.GetProperty("working").GetInt32(), Is.EqualTo(orders.GetProperty("orders").GetArrayLength()));
        Assert.That(Ctl.Run(_socket, "orders DOGE-USDT").Stdout, Does.Contain("not_found"));

        var status = Ctl.Answer(_socket, "status").GetProperty("strategy");
        Assert.That(status.GetProperty("stage").GetString(), Is.EqualTo("trading"));
        Assert.That(status.GetProperty("strategy").GetString(), Is.EqualTo("ema-crossover"));

        // For people: tables.
        Assert.That(Ctl.Run(_socket, "positions", json: false).Stdout, Does.Match(@"symbol\s+quantity\s+avg_price").And.Contain("BTC-USDT"));
        Assert.That(Ctl.Run(_socket, "risk", json: false).Stdout, Does.Match(@"state\s+ACTIVE"));
    }

    [Test, Order(2)]
    public void Trading_metrics_come_from_the_snapshot_and_pass_promtool()
    {
        var r = Ctl.Run(_socket, "metrics", json: false);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stdout, Does.Contain("appliance_trading_position{symbol=\"BTC-USDT\"}").And.Contain("\nappliance_trading_state 0\n"));
        Match fills = Regex.Match(r.Stdout, @"\nappliance_trading_fills_total (\S+)\n");
        Assert.That(fills.Success, Is.True, r.Stdout);
        Assert.That(double.Parse(fills.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(0));
        var psi = new ProcessStartInfo("promtool", ["check", "metrics"]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        p.StandardInput.Write(r.Stdout);
        p.StandardInput.Close();
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        Assert.That(p.WaitForExit(30_000), Is.True);
        Assert.That(p.ExitCode, Is.Zero, output);
    }

    [Test, Order(3)]
    public void Halt_is_the_engines_kill_switch_and_resume_lifts_it()
    {
        var halt = Ctl.Answer(_socket, "halt \"risk review\"");
        Assert.That(halt.GetProperty("result").GetString(), Does.StartWith("HALTED: risk review"));
        Assert.That(halt.GetProperty("strategy").GetProperty("state").GetString(), Is.EqualTo("halted"));
        var risk = Ctl.Answer(_socket, "risk");
        Assert.That(risk.GetProperty("state").GetString(), Is.EqualTo("HALTED"));
        Assert.That(risk.GetProperty("cause").GetString(), Is.EqualTo("Operator"));
        Assert.That(risk.GetProperty("halt_reason").GetString(), Is.EqualTo("risk review"));
        var health = Ctl.Answer(_socket, "health");
        Assert.That(health.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()), Has.Some.Contains("halted (risk review)"));
        Assert.That(Ctl.Answer(_socket, "metrics").GetProperty("text").GetString(), Does.Contain("\nappliance_halted 1\n"));

        // The market goes on; the state stays HALTED until an operator lifts it.
        long at = risk.GetProperty("event").GetInt64();
        Assert.That(Ctl.WaitFor(_socket, "risk", a => a.GetProperty("event").GetInt64() > at + 1000, TimeSpan.FromSeconds(30)).GetProperty("state").GetString(), Is.EqualTo("HALTED"));

        Assert.That(Ctl.Answer(_socket, "resume").GetProperty("result").GetString(), Is.EqualTo("ACTIVE (was HALTED)"));
        Assert.That(Ctl.Answer(_socket, "risk").GetProperty("state").GetString(), Is.EqualTo("ACTIVE"));
        Assert.That(Ctl.Answer(_socket, "resume").GetProperty("result").GetString(), Is.EqualTo("was ACTIVE"));
    }

    [Test, Order(4)]
    public void Flatten_closes_the_position_cancels_orders_and_halts()
    {
        Ctl.WaitFor(_socket, "positions", a => Quantities(a).Any(q => q != 0), TimeSpan.FromSeconds(90));
        var flatten = Ctl.Answer(_socket, "flatten");
        Assert.That(flatten.GetProperty("result").GetString(), Does.StartWith("HALTED; cancelling").And.Contain("closing"));
        var flat = Ctl.WaitFor(_socket, "positions", a => Quantities(a).All(q => q == 0), TimeSpan.FromSeconds(30));
        Assert.That(flat.GetProperty("state").GetString(), Is.EqualTo("HALTED"));
        Ctl.WaitFor(_socket, "orders", a => a.GetProperty("working").GetInt32() == 0, TimeSpan.FromSeconds(30));
        Assert.That(Ctl.Answer(_socket, "status").GetProperty("strategy").GetProperty("flat").GetBoolean(), Is.True);
        Ctl.Answer(_socket, "resume");
    }

    [Test, Order(5)]
    public void Sigterm_stops_entries_flattens_and_reports_the_decision_digest()
    {
        _daemon.Signal(DaemonProcess.SIGTERM);
        Assert.That(_daemon.WaitForExit(TimeSpan.FromSeconds(60)), Is.Zero, _daemon.Output);
        string log = _daemon.Stdout;
        Assert.That(log, Does.Contain("StopEntries: REDUCING: only orders that reduce a position").And.Contain("Flatten: HALTED"));
        Assert.That(log, Does.Match(@"trading: \d+ fills, realized -?\d+\.\d\d, day P&L -?\d+\.\d\d, state HALTED, flat"));
        Assert.That(log, Does.Match(@"decision log: \d+ records, decision digest [0-9a-f]{64}"));
        Assert.That(log, Does.Match(@"event digest [0-9a-f]{64} over \d+ events"));
        Assert.That(log, Does.Not.Contain("NOT FLAT"));
        Assert.That(Regex.IsMatch(log, @"Trading\.Decisions .* fill "), Is.True, "decision lines through the logger");
        string runs = Path.Combine(_fx.Directory, "decisions");
        Assert.That(Directory.GetDirectories(runs), Has.Length.EqualTo(1), "one run directory");
        Assert.That(Directory.GetFiles(Directory.GetDirectories(runs)[0], "decisions-*.journal"), Is.Not.Empty);
    }
}
