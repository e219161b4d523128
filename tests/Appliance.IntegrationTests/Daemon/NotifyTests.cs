using System.Globalization;
using System.Text.RegularExpressions;

namespace Appliance.IntegrationTests.Daemon;

/// <summary>The daemon speaks sd_notify as systemd expects, against a test notify socket and the venue simulator.</summary>
[NonParallelizable]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class NotifyTests
{
    [Test]
    public async Task Ready_follows_the_first_events_then_status_and_watchdog_and_sigterm_stops_with_stopping_and_exit_0()
    {
        await using var fx = await DaemonFixture.StartAsync(startPaused: true);
        using var notify = new NotifyListener($"@appliance-test-{Guid.NewGuid():N}"); // an abstract socket, as systemd may use
        string config = fx.WriteConfig();
        using var daemon = new DaemonProcess(config, new Dictionary<string, string>
        {
            ["NOTIFY_SOCKET"] = notify.Address,
            ["WATCHDOG_USEC"] = "2000000",
        });

        // The venue is paused: connected and subscribed, but no events, so no READY; the start is extended instead.
        notify.WaitFor("EXTEND_TIMEOUT_USEC=4000000", TimeSpan.FromSeconds(30));
        var waiting = Ctl.WaitFor(fx.SocketPath, "status", a => a.GetProperty("detail").GetString()!.Contains("subscribed, no events yet"), TimeSpan.FromSeconds(30));
        Assert.That(waiting.GetProperty("state").GetString(), Is.EqualTo("starting"));
        Assert.That(notify.IndexOf("READY=1"), Is.EqualTo(-1), notify.Transcript);

        await fx.Venue.Control.ResumeAsync();
        int ready = notify.WaitFor("READY=1", TimeSpan.FromSeconds(30));
        string readyStatus = notify.Messages[ready].Text;
        var events = Regex.Match(readyStatus, @"STATUS=running: (\d+) events so far");
        Assert.That(events.Success, Is.True, readyStatus);
        Assert.That(long.Parse(events.Groups[1].Value, CultureInfo.InvariantCulture), Is.GreaterThan(0), "READY before any event");

        int firstPing = notify.WaitFor("WATCHDOG=1", TimeSpan.FromSeconds(10), ready);
        int secondPing = notify.WaitFor("WATCHDOG=1", TimeSpan.FromSeconds(10), firstPing + 1);
        notify.WaitFor("WATCHDOG=1", TimeSpan.FromSeconds(10), secondPing + 1);
        int status = notify.WaitFor(IsRunningStatus, "STATUS=running:", TimeSpan.FromSeconds(10), ready + 1);
        Assert.That(notify.Messages[status].Text, Does.Match(@"STATUS=running: feeds 1/1 up, \d+ ev/s"));

        daemon.Signal(DaemonProcess.SIGTERM);
        int exit = daemon.WaitForExit(TimeSpan.FromSeconds(30));
        Assert.That(exit, Is.Zero, daemon.Output);

        var m = notify.Messages;
        int stopping = notify.IndexOf("STOPPING=1");
        Assert.That(stopping, Is.GreaterThan(ready), notify.Transcript);
        Assert.That(m[stopping].Text, Does.Contain("STATUS=stopping: SIGTERM"));
        Assert.That(m.Skip(stopping + 1).Any(x => x.Text.Contains("WATCHDOG=1")), Is.False, "no watchdog ping after STOPPING=1\n" + notify.Transcript);
        Assert.That(m.Take(ready).Any(x => x.Text.Contains("STOPPING=1")), Is.False);
        // At most two pings per WatchdogSec (2 s): consecutive pings at least ~1 s apart.
        var pings = m.Where(x => x.Text == "WATCHDOG=1").Select(x => x.At).ToArray();
        for (int i = 1; i < pings.Length; i++)
            Assert.That((pings[i] - pings[i - 1]).TotalSeconds, Is.GreaterThan(0.9), notify.Transcript);
        Assert.That(daemon.Stdout, Does.Contain("stopped in").And.Contain("exit 0"));

        // The run's journal was closed cleanly and replays through the same decoder path.
        string run = Directory.GetDirectories(Path.Combine(fx.Directory, "journal")).Single();
        var replay = ApplianceProcess.Run($"replay --config {config} --journal {run} --pace max", TimeSpan.FromSeconds(60));
        Assert.That(replay.ExitCode, Is.Zero, replay.Stdout + replay.Stderr);
        Assert.That(replay.Stdout, Does.Contain("events:"));
    }

    [Test]
    public async Task Watchdog_pings_stop_while_the_strategy_thread_is_frozen()
    {
        await using var fx = await DaemonFixture.StartAsync();
        string notifyPath = Path.Combine(fx.Directory, "notify.sock");
        using var notify = new NotifyListener(notifyPath);
        string freeze = Path.Combine(fx.Directory, "freeze");
        using var daemon = new DaemonProcess(fx.WriteConfig(), new Dictionary<string, string>
        {
            ["NOTIFY_SOCKET"] = notifyPath,
            ["WATCHDOG_USEC"] = "1000000",
            ["APPLIANCE_TEST_FREEZE_FILE"] = freeze,
        });
        int ready = notify.WaitFor("READY=1", TimeSpan.FromSeconds(30));
        int ping = notify.WaitFor("WATCHDOG=1", TimeSpan.FromSeconds(10), ready);
        notify.WaitFor("WATCHDOG=1", TimeSpan.FromSeconds(10), ping + 1);

        File.WriteAllText(freeze, "strategy");
        var health = Ctl.WaitFor(fx.SocketPath, "health", a => a.GetProperty("status").GetString() == "failing", TimeSpan.FromSeconds(20));
        int cut = notify.Messages.Count;
        Assert.That(health.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()),
            Has.Some.StartsWith("threads: not progressing: strategy").And.Some.StartsWith("watchdog: WATCHDOG=1 withheld"));

        // Three status lines later (about 3 s, six watchdog periods) there must have been no ping.
        int s1 = notify.WaitFor(IsRunningStatus, "STATUS=running:", TimeSpan.FromSeconds(10), cut);
        int s2 = notify.WaitFor(IsRunningStatus, "STATUS=running:", TimeSpan.FromSeconds(10), s1 + 1);
        notify.WaitFor(IsRunningStatus, "STATUS=running:", TimeSpan.FromSeconds(10), s2 + 1);
        Assert.That(notify.Messages.Skip(cut).Where(x => x.Text == "WATCHDOG=1"), Is.Empty, notify.Transcript);
        Assert.That(daemon.Stdout, Does.Contain("test seam: freezing the strategy thread").And.Contain("WATCHDOG=1 withheld"));

        // Even with a stuck strategy thread, SIGTERM ends the process within the stop budget.
        daemon.Signal(DaemonProcess.SIGTERM);
        Assert.That(daemon.WaitForExit(TimeSpan.FromSeconds(30)), Is.Zero, daemon.Output);
    }

    [Test]
    public async Task A_feed_that_never_delivers_extends_the_start_then_fails_it_with_69()
    {
        await using var fx = await DaemonFixture.StartAsync(startPaused: true);
        using var notify = new NotifyListener($"@appliance-test-{Guid.NewGuid():N}");
        // The venue stays paused: connected and subscribed, never an event. Not ready within 3 s: give up.
        string config = File.ReadAllText(fx.WriteConfig()).Replace("\"readyTimeoutSeconds\": 60", "\"readyTimeoutSeconds\": 3");
        string path = Path.Combine(fx.Directory, "short.json");
        File.WriteAllText(path, config);
        using var daemon = new DaemonProcess(path, new Dictionary<string, string> { ["NOTIFY_SOCKET"] = notify.Address });
        Assert.That(daemon.WaitForExit(TimeSpan.FromSeconds(30)), Is.EqualTo(69), daemon.Output);
        Assert.That(notify.IndexOf("EXTEND_TIMEOUT_USEC=4000000"), Is.GreaterThanOrEqualTo(0), notify.Transcript);
        Assert.That(notify.IndexOf("READY=1"), Is.EqualTo(-1), notify.Transcript);
        Assert.That(notify.IndexOf("STOPPING=1"), Is.GreaterThan(0), notify.Transcript);
        Assert.That(daemon.Stdout, Does.Contain("not ready after 3 s").And.Contain("exit 69"));
    }

    private static bool IsRunningStatus(string line) => line.StartsWith("STATUS=running:", StringComparison.Ordinal);
}
