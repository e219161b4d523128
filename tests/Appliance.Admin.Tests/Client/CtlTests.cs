using System.Text.Json;
using Appliance.Admin.Answers;
using Appliance.Admin.Commands;
using Appliance.Admin.Metrics;
using Appliance.Admin.Tests.TestSupport;

namespace Appliance.Admin.Tests.Client;

/// <summary>`appliance ctl` as operators run it: the published binary, against a real server, as root and as nobody.</summary>
public class CtlTests
{
    private const string Nobody = "--reuid=nobody --regid=nogroup --clear-groups";

    [Test]
    public void Help_prints_a_table_of_verbs_with_their_access()
    {
        using var server = new TestServer();
        var r = Ctl.Run("--socket", server.SocketPath, "help");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        var lines = r.Stdout.Split('\n');
        Assert.That(lines[0], Does.Match(@"^usage\s+access\s+help$"));
        Assert.That(lines, Has.Some.Match(@"^poke \[--hard\]\s+admin\s+Counts a poke"));
        Assert.That(lines, Has.Some.Match(@"^echo \[WORDS\.\.\.\]\s+read\s+Answers the words"));
    }

    [Test]
    public void Json_prints_the_answer_line_as_received_and_words_keep_their_spaces()
    {
        using var server = new TestServer();
        var r = Ctl.Run("--socket", server.SocketPath, "--json", "echo", "a", "b c");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stdout.Count(c => c == '\n'), Is.EqualTo(1), "one line");
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.That(doc.RootElement.GetProperty("words").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "a", "b c" }));
    }

    [Test]
    public void Options_after_the_verb_belong_to_the_request()
    {
        using var server = new TestServer();
        var hard = Ctl.Run("--socket", server.SocketPath, "poke", "--hard", "--json");
        Assert.That(hard.ExitCode, Is.Zero, hard.Stderr);
        Assert.That(hard.Stdout, Does.Contain("\"pokes\":1"), "--json still belongs to ctl");
        var soft = Ctl.Run("--socket", server.SocketPath, "poke", "--soft");
        Assert.That(soft.ExitCode, Is.EqualTo(64));
        Assert.That(soft.Stderr, Does.Contain("poke: unknown option --soft").And.Contain("usage: poke [--hard]"));
    }

    [Test]
    public void Usage_and_unknown_verbs_exit_64_with_the_reason()
    {
        using var server = new TestServer();
        var unknown = Ctl.Run("--socket", server.SocketPath, "nosuch");
        Assert.That(unknown.ExitCode, Is.EqualTo(64));
        Assert.That(unknown.Stderr, Does.Contain("unknown_verb").And.Contain("nosuch"));
        var usage = Ctl.Run("--socket", server.SocketPath, "fail");
        Assert.That(usage.ExitCode, Is.EqualTo(64));
        Assert.That(usage.Stderr, Does.Contain("missing CODE").And.Contain("usage: fail CODE"));
        var none = Ctl.Run("--socket", server.SocketPath);
        Assert.That(none.ExitCode, Is.EqualTo(64));
    }

    [Test]
    public void Other_error_answers_map_to_their_exit_codes()
    {
        using var server = new TestServer();
        Assert.That(Ctl.Run("--socket", server.SocketPath, "fail", "not_found").ExitCode, Is.EqualTo(1));
        Assert.That(Ctl.Run("--socket", server.SocketPath, "fail", "unavailable").ExitCode, Is.EqualTo(69));
        Assert.That(Ctl.Run("--socket", server.SocketPath, "boom").ExitCode, Is.EqualTo(70));
        Assert.That(Ctl.Run("--socket", server.SocketPath, "fail", "rate_limited").ExitCode, Is.EqualTo(75));
    }

    [Test]
    public void No_daemon_exits_69()
    {
        string dir = TempDirectory.Create("ctl-");
        try
        {
            var missing = Ctl.Run("--socket", Path.Combine(dir, "none.sock"), "status");
            Assert.That(missing.ExitCode, Is.EqualTo(69));
            Assert.That(missing.Stderr, Does.Contain("none.sock").And.Contain("is the daemon running"));

            string stale = Path.Combine(dir, "stale.sock");
            ChildProcess.Python("import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])", stale);
            var refused = Ctl.Run("--socket", stale, "status");
            Assert.That(refused.ExitCode, Is.EqualTo(69));
            Assert.That(refused.Stderr, Does.Contain("nothing is listening"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void The_socket_can_come_from_the_environment()
    {
        using var server = new TestServer();
        var r = Ctl.RunWithEnvironment(new Dictionary<string, string> { ["APPLIANCE_ADMIN_SOCKET"] = server.SocketPath }, "--json", "version");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stdout, Does.Contain("\"protocol\":1"));
    }

    [Test]
    public void As_nobody_read_only_verbs_work_and_mutating_ones_exit_77()
    {
        using var server = new TestServer();
        var read = Ctl.RunAs(Nobody, "--socket", server.SocketPath, "--json", "echo", "hi");
        Assert.That(read.ExitCode, Is.Zero, read.Stderr);
        Assert.That(read.Stdout, Does.Contain("\"peer_uid\":65534"));

        var poke = Ctl.RunAs(Nobody, "--socket", server.SocketPath, "poke");
        Assert.That(poke.ExitCode, Is.EqualTo(77));
        Assert.That(poke.Stderr, Does.Contain("forbidden").And.Contain("admin group"));
        Assert.That(server.Pokes, Is.Zero);

        var root = Ctl.Run("--socket", server.SocketPath, "poke");
        Assert.That(root.ExitCode, Is.Zero, root.Stderr);
        Assert.That(server.Pokes, Is.EqualTo(1));
    }

    [Test]
    public void A_socket_mode_that_shuts_the_user_out_exits_77()
    {
        using var server = new TestServer(o => o with { SocketMode = (UnixFileMode)0b110_000_000 });
        var r = Ctl.RunAs(Nobody, "--socket", server.SocketPath, "status");
        Assert.That(r.ExitCode, Is.EqualTo(77));
        Assert.That(r.Stderr, Does.Contain("permission denied").And.Contain("uid 65534"));
    }

    [Test]
    public void No_answer_within_the_timeout_exits_75()
    {
        using var server = new TestServer();
        var r = Ctl.Run("--socket", server.SocketPath, "--timeout", "0.3", "slow");
        Assert.That(r.ExitCode, Is.EqualTo(75));
        Assert.That(r.Stderr, Does.Contain("no answer"));
    }

    [Test]
    public void Latency_renders_a_table_in_microseconds_with_hgrm_on_request()
    {
        using var tracker = new LatencyTracker();
        var decode = tracker.AddStage("decode");
        var t = new Thread(() =>
        {
            for (int i = 1; i <= 1000; i++) decode.RecordValue(i * 1000);
        });
        t.Start();
        t.Join();
        tracker.Collect();
        using var server = new TestServer(register: r => r.Register(StandardVerbs.Latency, tracker.CreateCommand()));
        var r = Ctl.Run("--socket", server.SocketPath, "latency", "decode", "--hgrm");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        var lines = r.Stdout.Split('\n');
        Assert.That(lines[0], Is.EqualTo("latency in microseconds"));
        Assert.That(lines[1], Does.Match(@"^stage\s+window\s+count\s+p50\s+p90\s+p99\s+p99\.9\s+p99\.99\s+max\s+mean$"));
        Assert.That(lines[2], Does.Match(@"^decode\s+interval \([0-9.]+ s\)\s+1000\s+500\.223\s+"));
        Assert.That(lines[3], Does.Match(@"^decode\s+since start"));
        Assert.That(r.Stdout, Does.Contain("# decode, since start (.hgrm, values in microseconds)").And.Contain("Value     Percentile TotalCount"));
    }

    [Test]
    public void Metrics_prints_the_exposition_itself_for_promtool()
    {
        var metrics = new MetricsRegistry();
        metrics.AddCounter("appliance_test_events_total", "Events.").Add(3);
        using var server = new TestServer(register: r => r.Register(StandardVerbs.Metrics, metrics.CreateCommand()));
        var r = Ctl.Run("--socket", server.SocketPath, "metrics");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stdout, Does.StartWith("# HELP appliance_test_events_total Events.\n"));
        var check = Promtool.CheckMetrics(r.Stdout);
        Assert.That(check.ExitCode, Is.Zero, check.Output);
    }
}
