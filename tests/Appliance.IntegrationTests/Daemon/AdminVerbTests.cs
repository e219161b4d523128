using System.Diagnostics;
using System.Text.Json;

namespace Appliance.IntegrationTests.Daemon;

/// <summary>Every admin verb of a running daemon over its real Unix socket, through `appliance ctl`.</summary>
[NonParallelizable]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class AdminVerbTests
{
    private DaemonFixture _fx = null!;
    private DaemonProcess _daemon = null!;
    private string _socket = "";
    private const string SecretValue = "S3CRET-venue-key-0xDEADBEEF";

    [OneTimeSetUp]
    public async Task StartDaemon()
    {
        _fx = await DaemonFixture.StartAsync();
        string secrets = Path.Combine(_fx.Directory, "secrets.json");
        File.WriteAllText(secrets, $$"""{ "venue.apiKey": "{{SecretValue}}" }""");
        File.SetUnixFileMode(secrets, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _daemon = new DaemonProcess(_fx.WriteConfig(extra: $"\"secretsFile\": {JsonSerializer.Serialize(secrets)},"));
        _socket = _fx.SocketPath;
        Ctl.WaitFor(_socket, "status", a => a.GetProperty("state").GetString() == "running", TimeSpan.FromSeconds(60));
    }

    [OneTimeTearDown]
    public async Task StopDaemon()
    {
        if (!_daemon.HasExited)
        {
            _daemon.Signal(DaemonProcess.SIGTERM);
            int code = _daemon.WaitForExit(TimeSpan.FromSeconds(30));
            Assert.That(code, Is.Zero, _daemon.Output);
        }
        Assert.That(_daemon.Stdout, Does.Not.Contain(SecretValue), "a secret reached the log");
        _daemon.Dispose();
        await _fx.DisposeAsync();
    }

    [Test]
    public void Help_lists_every_daemon_verb()
    {
        var verbs = Ctl.Answer(_socket, "help").GetProperty("verbs").EnumerateArray().Select(v => v.GetProperty("verb").GetString()).ToArray();
        Assert.That(verbs, Is.SupersetOf(new[] { "help", "version", "health", "status", "stats", "feeds", "config", "metrics", "latency", "book",
            "log level", "halt", "resume", "flatten", "reconnect", "positions", "orders", "risk" }));
    }

    [Test]
    public void The_kernel_knows_each_daemon_thread_by_name()
    {
        // What top -H, ps -L and perf show: the native-AOT binary names its threads itself (its runtime does not).
        string[] names = Directory.GetDirectories($"/proc/{_daemon.Pid}/task")
            .Select(task => File.ReadAllText(Path.Combine(task, "comm")).Trim()).ToArray();
        Assert.That(names, Is.SupersetOf(new[] { "strategy", "feed-binance", "log-writer", "journal-writer", "admin-accept", "housekeeping" }),
            string.Join(", ", names));
    }

    [Test]
    public void Version_and_status_describe_the_running_daemon()
    {
        var v = Ctl.Answer(_socket, "version");
        Assert.That(v.GetProperty("native_aot").GetBoolean(), Is.True);
        Assert.That(v.GetProperty("pid").GetInt32(), Is.EqualTo(_daemon.Pid));
        var s = Ctl.Answer(_socket, "status");
        Assert.That(s.GetProperty("state").GetString(), Is.EqualTo("running"));
        Assert.That(s.GetProperty("strategy").GetProperty("stage").GetString(), Is.EqualTo("pass-through"));
        var feed = s.GetProperty("feeds")[0];
        Assert.That(feed.GetProperty("lines_up").GetString(), Is.EqualTo("1/1"));
        Assert.That(feed.GetProperty("market_events").GetInt64(), Is.GreaterThan(0));
    }

    [Test]
    public void Health_is_ok_or_degraded_only_for_placement_and_names_each_check()
    {
        var h = Ctl.Answer(_socket, "health");
        var checks = h.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("check").GetString()!, c => c.GetProperty("status").GetString());
        Assert.That(checks["feed binance"], Is.EqualTo("ok"), h.ToString());
        Assert.That(checks["strategy"], Is.EqualTo("ok"));
        Assert.That(checks["threads"], Is.EqualTo("ok"));
        Assert.That(checks.Keys, Does.Contain("gc").And.Contain("watchdog").And.Contain("gaps").And.Contain("drops"));
        // Nothing is pinned on this shared box: that is the one thing health may call degraded.
        foreach (var (name, status) in checks)
            if (status != "ok") Assert.That(name, Does.StartWith("placement"), h.ToString());
    }

    [Test]
    public void Latency_reports_three_stages_with_percentiles_and_hgrm_on_request()
    {
        var l = Ctl.WaitFor(_socket, "latency", a => a.GetProperty("stages")[2].GetProperty("since_start").GetProperty("count").GetInt64() > 100, TimeSpan.FromSeconds(20));
        var stages = l.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("stage").GetString()).ToArray();
        Assert.That(stages, Is.EqualTo(new[] { "receive_to_decode", "decode_to_dequeue", "stage" }));
        var stage = l.GetProperty("stages")[2].GetProperty("since_start");
        Assert.That(stage.GetProperty("p50").GetInt64(), Is.GreaterThan(0).And.LessThanOrEqualTo(stage.GetProperty("p99").GetInt64()));
        var hgrm = Ctl.Answer(_socket, "latency stage --hgrm");
        Assert.That(hgrm.GetProperty("stages")[0].GetProperty("hgrm_since_start").GetString(), Does.Contain("Percentile").And.Contain("#[Max"));
        var table = Ctl.Run(_socket, "latency", json: false);
        Assert.That(table.Stdout, Does.Contain("latency in microseconds").And.Contain("decode_to_dequeue"));
    }

    [Test]
    public void Stats_and_feeds_count_what_flows()
    {
        var st = Ctl.Answer(_socket, "stats");
        var ring = st.GetProperty("rings")[0];
        Assert.That(ring.GetProperty("events").GetInt64(), Is.GreaterThan(0));
        Assert.That(ring.GetProperty("subscribed_acks").GetInt64(), Is.GreaterThanOrEqualTo(1));
        Assert.That(st.GetProperty("gc").GetProperty("config_ConcurrentGC").GetString(), Is.EqualTo("False"));
        Assert.That(st.GetProperty("journals")[0].GetProperty("records").GetInt64(), Is.GreaterThan(0));
        var f = Ctl.Answer(_socket, "feeds");
        Assert.That(f.GetProperty("lines")[0].GetProperty("connected").GetBoolean(), Is.True);
        Assert.That(f.GetProperty("feeds")[0].GetProperty("messages").GetInt64(), Is.GreaterThan(0));
    }

    [Test]
    public void Book_shows_a_consistent_ladder_and_unknown_symbols_are_not_found()
    {
        var b = Ctl.WaitFor(_socket, "book BTC-USDT 5", a => a.GetProperty("levels").GetArrayLength() == 5, TimeSpan.FromSeconds(20));
        decimal bid = decimal.Parse(b.GetProperty("best_bid").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        decimal ask = decimal.Parse(b.GetProperty("best_ask").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(bid, Is.LessThan(ask), "a crossed book");
        Assert.That(b.GetProperty("levels")[0].GetProperty("bid").GetString(), Is.EqualTo(b.GetProperty("best_bid").GetString()));
        var missing = Ctl.Run(_socket, "book DOGE-USDT");
        Assert.That(missing.ExitCode, Is.Not.Zero);
        Assert.That(missing.Stdout, Does.Contain("not_found"));
        Assert.That(Ctl.Run(_socket, "book BTC-USDT 5", json: false).Stdout, Does.Contain("bid_qty").And.Contain("best_ask"));
    }

    [Test]
    public void Halt_resume_and_flatten_change_the_strategy_state_and_health_shows_a_halt()
    {
        var halt = Ctl.Answer(_socket, "halt maintenance window");
        Assert.That(halt.GetProperty("strategy").GetProperty("state").GetString(), Is.EqualTo("halted"));
        var h = Ctl.Answer(_socket, "health");
        Assert.That(h.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()), Has.Some.Contains("halted (maintenance window)"));
        Assert.That(Ctl.Answer(_socket, "resume").GetProperty("result").GetString(), Is.EqualTo("resumed"));
        var flatten = Ctl.Answer(_socket, "flatten");
        Assert.That(flatten.GetProperty("result").GetString(), Does.StartWith("flat"));
        Assert.That(flatten.GetProperty("strategy").GetProperty("flat").GetBoolean(), Is.True);
        Ctl.Answer(_socket, "resume");
    }

    [Test]
    public void Trading_verbs_answer_unavailable_without_a_trading_section()
    {
        foreach (string verb in new[] { "positions", "orders", "risk" })
        {
            var r = Ctl.Run(_socket, verb);
            Assert.That(r.ExitCode, Is.EqualTo(69), r.Stdout + r.Stderr); // EX_UNAVAILABLE
            Assert.That(r.Stdout, Does.Contain("unavailable").And.Contain("no trading section"));
        }
    }

    [Test]
    public void Reconnect_drops_and_reopens_the_feed_and_data_flows_again()
    {
        long connects = FeedLine().GetProperty("connects").GetInt64();
        Assert.That(Ctl.Answer(_socket, "reconnect binance").GetProperty("result").GetString(), Is.EqualTo("reconnect requested"));
        Ctl.WaitFor(_socket, "feeds", a => a.GetProperty("lines")[0].GetProperty("connects").GetInt64() > connects
                                            && a.GetProperty("lines")[0].GetProperty("connected").GetBoolean(), TimeSpan.FromSeconds(20));
        Assert.That(Ctl.Run(_socket, "reconnect nosuchfeed").Stdout, Does.Contain("not_found"));
    }

    [Test]
    public void Log_level_changes_a_category_for_a_while()
    {
        var a = Ctl.Answer(_socket, "log level Feed debug --for 30s");
        Assert.That(a.GetProperty("effective").GetString(), Is.EqualTo("Debug"));
        Ctl.Answer(_socket, "log level Feed reset");
    }

    [Test]
    public void Config_answers_the_config_in_force_with_secrets_redacted()
    {
        var r = Ctl.Run(_socket, "config");
        Assert.That(r.ExitCode, Is.Zero);
        Assert.That(r.Stdout, Does.Not.Contain(SecretValue));
        using var doc = JsonDocument.Parse(r.Stdout);
        var c = doc.RootElement;
        Assert.That(c.GetProperty("config").GetProperty("feeds")[0].GetProperty("name").GetString(), Is.EqualTo("binance"));
        var secret = c.GetProperty("secrets")[0];
        Assert.That(secret.GetProperty("name").GetString(), Is.EqualTo("venue.apiKey"));
        Assert.That(secret.GetProperty("value").GetString(), Is.EqualTo("[redacted]"));
    }

    [Test]
    public void Metrics_pass_promtool_check()
    {
        var r = Ctl.Run(_socket, "metrics", json: false);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stdout, Does.Contain("appliance_events_total{feed=\"binance\"}").And.Contain("appliance_stage_latency_seconds"));
        var psi = new ProcessStartInfo("promtool", ["check", "metrics"]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        p.StandardInput.Write(r.Stdout);
        p.StandardInput.Close();
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        Assert.That(p.WaitForExit(30_000), Is.True);
        Assert.That(p.ExitCode, Is.Zero, output);
    }

    [Test]
    public void Another_user_may_read_but_not_halt()
    {
        if (Environment.UserName != "root") Assert.Ignore("needs root to run ctl as nobody with setpriv");
        const string nobody = "setpriv --reuid=65534 --regid=65534 --clear-groups";
        var status = Ctl.Run(_socket, "status", prefixCommand: nobody);
        Assert.That(status.ExitCode, Is.Zero, status.Stdout + status.Stderr);
        var halt = Ctl.Run(_socket, "halt", prefixCommand: nobody);
        Assert.That(halt.ExitCode, Is.EqualTo(77), halt.Stdout + halt.Stderr); // EX_NOPERM
        Assert.That(halt.Stdout, Does.Contain("forbidden"));
        Assert.That(Ctl.Answer(_socket, "status").GetProperty("strategy").GetProperty("state").GetString(), Is.Not.EqualTo("halted"));
    }

    private JsonElement FeedLine() => Ctl.Answer(_socket, "feeds").GetProperty("lines")[0];
}
