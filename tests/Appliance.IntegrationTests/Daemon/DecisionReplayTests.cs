using System.Globalization;
using System.Text.RegularExpressions;

namespace Appliance.IntegrationTests.Daemon;

/// <summary>
/// Record → replay on the native binary: a live session of the daemon trading on the paper gateway against
/// the simulator (with an operator halt and resume in the middle, and the stop's stop-entries and flatten at
/// the end), then `appliance replay` of the journal it wrote. The replay must print the event digest and the
/// decision digest the daemon logged at stop: the decisions are a function of the journaled inputs only.
/// </summary>
[NonParallelizable]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class DecisionReplayTests
{
    [Test]
    public async Task A_live_paper_session_replays_to_the_same_event_and_decision_digests()
    {
        await using var fx = await DaemonFixture.StartAsync();
        string decisions = Path.Combine(fx.Directory, "decisions");
        string config = fx.WriteConfig(extra: TradingConfigs.Sections("paper", decisions));
        using var daemon = new DaemonProcess(config);
        Ctl.WaitFor(fx.SocketPath, "status", a => a.GetProperty("state").GetString() == "running", TimeSpan.FromSeconds(60));
        long fills = Ctl.WaitFor(fx.SocketPath, "risk", a => a.GetProperty("fills").GetInt64() > 0, TimeSpan.FromSeconds(90)).GetProperty("fills").GetInt64();
        Ctl.Answer(fx.SocketPath, "halt replay test");
        Ctl.Answer(fx.SocketPath, "resume");
        // Long enough for some round trips after the resume, and tens of thousands of events.
        Ctl.WaitFor(fx.SocketPath, "risk", a => a.GetProperty("fills").GetInt64() >= fills + 6 && a.GetProperty("event").GetInt64() > 20_000, TimeSpan.FromSeconds(90));
        daemon.Signal(DaemonProcess.SIGTERM);
        Assert.That(daemon.WaitForExit(TimeSpan.FromSeconds(60)), Is.Zero, daemon.Output);

        Match live = Regex.Match(daemon.Stdout, @"decision log: (\d+) records, decision digest ([0-9a-f]{64})");
        Match liveEvents = Regex.Match(daemon.Stdout, @"event digest ([0-9a-f]{64}) over (\d+) events");
        Assert.That(live.Success && liveEvents.Success, Is.True, daemon.Output);
        Assert.That(daemon.Stdout, Does.Not.Contain("DROPPED").And.Not.Contain("not digested"), "the digests must cover the whole session");

        // The run's own journal directory (journal.directory/RUN); its decisions are in decisions/RUN.
        string run = Directory.GetDirectories(Path.Combine(fx.Directory, "journal")).Single();
        Assert.That(Directory.Exists(Path.Combine(decisions, Path.GetFileName(run))), Is.True, "the decision journal is named as the run's journal");
        var replay = ApplianceProcess.Run($"replay --config {config} --journal {run}", TimeSpan.FromSeconds(120));
        TestContext.Out.WriteLine(replay.Stdout);
        Assert.That(replay.ExitCode, Is.Zero, replay.Stdout + replay.Stderr);
        Assert.That(replay.Stdout, Does.Contain($"\nevents: {liveEvents.Groups[2].Value}\n"));
        Assert.That(replay.Stdout, Does.Contain($"\ndigest: {liveEvents.Groups[1].Value}\n"), "the replay saw the events the live engine saw");
        Assert.That(replay.Stdout, Does.Contain("operator commands from ").And.Contain("halt after event").And.Contain("resume after event")
            .And.Contain("stop entries after event").And.Contain("flatten after event"));
        Assert.That(replay.Stdout, Does.Contain($"\ndecisions: {live.Groups[1].Value}\n"));
        Assert.That(replay.Stdout, Does.Contain($"\ndecision digest: {live.Groups[2].Value}\n"), "the replay made the live session's decisions");
        Assert.That(replay.Stdout, Does.Contain("identical"));
        Assert.That(long.Parse(live.Groups[1].Value, CultureInfo.InvariantCulture), Is.GreaterThan(10));

        // Without the live decision journal the operator commands are unknown: the replay says so, and the
        // decisions diverge from the halt on (the digest differs).
        string elsewhere = Path.Combine(fx.Directory, "no-decisions");
        Directory.CreateDirectory(elsewhere);
        var blind = ApplianceProcess.Run($"replay --config {config} --journal {run} --decisions {elsewhere}", TimeSpan.FromSeconds(120));
        Assert.That(blind.ExitCode, Is.EqualTo(66), "an explicit --decisions without a journal is an error");
    }
}
