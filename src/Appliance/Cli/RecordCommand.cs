using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Appliance.MarketData.Events;
using Appliance.MarketData.Feed;
using Appliance.MarketData.Journal;
using Appliance.MarketData.Replay;
using Appliance.Primitives.Rings;
using Appliance.Primitives.Threading;

namespace Appliance.Cli;

/// <summary>
/// `appliance record --config FILE --out DIR [--seconds N]`: runs the configured feeds exactly as the daemon
/// would (same sessions, same processing) and journals every input to DIR, one segment series per feed group
/// (<c>GROUP-000000.journal</c>). Prints what was received, the event counts and the event digest that
/// `appliance replay` of the same journal must print. Stops after N seconds, or on SIGINT/SIGTERM.
/// </summary>
internal static class RecordCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "Configuration file (only instruments, feeds, ring and journal are read)", Required = true };
        var output = new Option<string>("--out") { Description = "Directory for the journal (created; must not hold a journal already)", Required = true };
        var seconds = new Option<double?>("--seconds") { Description = "Stop after this many seconds (default: SIGINT/SIGTERM)" };
        var cmd = new Command("record", "Connect the configured feeds, subscribe and journal everything received.") { config, output, seconds };
        cmd.SetAction(parse => Run(parse.GetValue(config)!, parse.GetValue(output)!, parse.GetValue(seconds)));
        return cmd;
    }

    private static int Run(string configPath, string outDir, double? seconds)
    {
        if (seconds is <= 0) { Console.Error.WriteLine("record: --seconds must be positive"); return ExitCodes.Usage; }
        MarketDataSetup? setup = MarketDataSetup.Load("record", configPath, Console.Error);
        if (setup is null) return ExitCodes.Config;
        try
        {
            Directory.CreateDirectory(outDir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"record: cannot create {outDir}: {e.Message}");
            return ExitCodes.Failure;
        }
        if (Directory.GetFiles(outDir, $"*{JournalFormat.FileExtension}").Length > 0)
        {
            Console.Error.WriteLine($"record: {outDir} already holds a journal; record into an empty directory");
            return ExitCodes.Usage;
        }

        var runs = new List<GroupRun>();
        try
        {
            foreach (FeedGroup group in setup.Groups)
            {
                var ring = new SpscRing<MarketEvent>(setup.Config.Ring.Capacity, $"{group.Name} → record");
                var journal = new JournalWriter(setup.Config.Journal.ToWriterOptions(outDir) with { FilePrefix = group.JournalPrefix });
                var session = new FeedSession(FeedSessionOptions.FromConfig(group, setup.Instruments, setup.Config.Ring, ring, journal));
                runs.Add(new GroupRun(group, ring, journal, session));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            foreach (GroupRun r in runs) r.Dispose();
            Console.Error.WriteLine($"record: {e.Message}");
            return ExitCodes.Failure;
        }

        using var stop = new ManualResetEventSlim(false);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Set(); });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Set(); });
        var started = DateTime.UtcNow;
        foreach (GroupRun r in runs) r.Start();
        Console.Error.WriteLine($"record: {runs.Count} feed group(s) into {Path.GetFullPath(outDir)}{(seconds is double s ? $" for {s.ToString(CultureInfo.InvariantCulture)} s" : "; SIGINT or SIGTERM stops")}");
        stop.Wait(seconds is double limit ? TimeSpan.FromSeconds(limit) : Timeout.InfiniteTimeSpan);
        double elapsed = (DateTime.UtcNow - started).TotalSeconds;

        foreach (GroupRun r in runs) r.Stop();
        bool exact = true;
        foreach (GroupRun r in runs)
        {
            FeedSessionSnapshot snap = r.Session.Snapshot();
            Console.WriteLine($"group {r.Group.Name}: lines {string.Join(' ', snap.Lines.Select(l => l.Line))}; {snap.Messages} messages, {snap.Malformed} malformed, "
                + $"{snap.Gaps} gaps, {snap.Duplicates} duplicates, {snap.Losses} arbitration losses, {snap.Resyncs} resyncs, {snap.Reconnects} reconnects, {snap.Stales} stale");
            Console.WriteLine($"  journal: {r.Journal.RecordsWritten} records, {r.Journal.BytesWritten} bytes, {r.Journal.Dropped} dropped{(r.Journal.Fault is { } f ? $", failed: {f.Message}" : "")}");
            Console.WriteLine($"  ring: high-water {snap.RingHighWaterMark}/{snap.RingCapacity}, {snap.RingDrops} events dropped");
            if (r.Journal.Dropped > 0 || snap.JournalDrops > 0 || snap.RingDrops > 0 || r.Journal.Fault is not null) exact = false;
        }
        Console.WriteLine($"recorded: {elapsed.ToString("0.000", CultureInfo.InvariantCulture)} s");
        EventReport.Write(Console.Out, runs.Select(r => (r.Group.Name, r.Digest)).ToList());
        if (!exact) Console.Error.WriteLine("record: events or journal records were dropped: a replay of this journal will not reproduce this digest");
        foreach (GroupRun r in runs) r.Dispose();
        return ExitCodes.Ok;
    }

    /// <summary>One feed group: its session, journal, and a consumer in the strategy's seat that digests the events.</summary>
    private sealed class GroupRun(FeedGroup group, SpscRing<MarketEvent> ring, JournalWriter journal, FeedSession session) : IDisposable
    {
        private volatile bool _producerDone;
        private Thread? _thread;

        public FeedGroup Group { get; } = group;
        public JournalWriter Journal { get; } = journal;
        public FeedSession Session { get; } = session;
        public EventDigest Digest { get; } = new();

        public void Start()
        {
            _thread = NamedThread.Create($"record-{Group.Name}", Consume);
            _thread.Start();
            Session.Start();
        }

        public void Stop()
        {
            Session.Stop();
            _producerDone = true;
            _thread?.Join();
            Journal.Dispose();
        }

        private void Consume()
        {
            var wait = default(BlockingWait);
            while (true)
            {
                bool done = _producerDone; // read before draining: nothing published before Stop is missed
                while (ring.TryPeek(out long seq))
                {
                    Digest.Append(ring[seq]);
                    ring.Release(seq);
                }
                if (done) return;
                ring.WaitForData(ref wait, TimeSpan.FromMilliseconds(50));
            }
        }

        public void Dispose()
        {
            Session.Dispose();
            Journal.Dispose();
            Digest.Dispose();
        }
    }
}
