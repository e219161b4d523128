using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Appliance.Hosting.Strategy;
using Appliance.MarketData.Feed;
using Appliance.MarketData.Journal;
using Appliance.MarketData.Replay;
using Appliance.Trading.Config;

namespace Appliance.Cli;

/// <summary>
/// `appliance replay --config FILE --journal PATH [--pace max|realtime|xN] [--decisions DIR]`: feeds a
/// recorded journal through the same decoder and feed-session processing as live, and prints the event
/// counts and digest. PATH is the directory `appliance record` wrote or one daemon run's directory
/// (<c>journal.directory/RUN</c>: every configured feed group's segments are replayed), or one segment.
/// When the config trades, the events also go through the books and the trading engine (paper gateway) as
/// on the daemon's strategy thread, with the operator commands of the live session's decision journal
/// (<c>trading.decisionLog.directory/RUN</c>, or --decisions), and the decision log's digest is printed and
/// compared with the recorded one.
/// Exit codes: 0; 65 the journal is damaged or does not match the configuration, or the decisions differ
/// from the recorded ones; 66 no journal; 78 bad config.
/// </summary>
internal static partial class ReplayCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "Configuration file the journal was recorded with", Required = true };
        var journal = new Option<string>("--journal") { Description = "Journal directory (as written by `appliance record` or the daemon) or one segment file", Required = true };
        var pace = new Option<string>("--pace") { Description = "max (default), realtime, or xN (N times the recorded speed)", DefaultValueFactory = _ => "max" };
        var decisions = new Option<string?>("--decisions") { Description = "The live session's decision journal (default: trading.decisionLog.directory/RUN, RUN the journal directory's name)" };
        var cmd = new Command("replay", "Replay a raw journal through the feed processing (and the trading engine) and print the digests.") { config, journal, pace, decisions };
        cmd.SetAction(parse => Run(parse.GetValue(config)!, parse.GetValue(journal)!, parse.GetValue(pace)!, parse.GetValue(decisions)));
        return cmd;
    }

    private static int Run(string configPath, string journalPath, string paceText, string? decisionsPath)
    {
        if (!ReplayPace.TryParse(paceText, out ReplayPace pace))
        {
            Console.Error.WriteLine($"replay: --pace '{paceText}' is not max, realtime or xN (N > 0)");
            return ExitCodes.Usage;
        }
        MarketDataSetup? setup = MarketDataSetup.Load("replay", configPath, Console.Error);
        if (setup is null) return ExitCodes.Config;

        List<(FeedGroup Group, IReadOnlyList<string> Segments)>? plan = Plan(setup, journalPath, out string? run, out string? error);
        if (plan is null)
        {
            Console.Error.WriteLine($"replay: {error}");
            return File.Exists(journalPath) || Directory.Exists(journalPath) ? ExitCodes.DataError : ExitCodes.NoInput;
        }
        try
        {
            return setup.Root.TradingEnabled ? RunTrading(setup, plan, pace, run, decisionsPath) : RunFeeds(setup, plan, pace);
        }
        catch (Exception e) when (e is ReplayException or InvalidDataException or IOException)
        {
            Console.Error.WriteLine($"replay: {e.Message}");
            return ExitCodes.DataError;
        }
    }

    /// <summary>No trading section: each feed group on its own, as `record` digested them.</summary>
    private static int RunFeeds(MarketDataSetup setup, List<(FeedGroup Group, IReadOnlyList<string> Segments)> plan, ReplayPace pace)
    {
        var digests = new List<(string, EventDigest)>();
        bool damaged = false;
        foreach ((FeedGroup group, IReadOnlyList<string> segments) in plan)
        {
            var digest = new EventDigest();
            digests.Add((group.Name, digest));
            var counters = new FeedCounters(group.Lines.Count);
            var processor = new FeedProcessor<DigestEventSink>(setup.Instruments, group.Streams, group.Lines.Count, counters, new DigestEventSink(digest),
                rejoinHoldMs: group.Lines[0].RejoinHoldMs);
            ReplayResult result = JournalReplayer.Replay(segments, processor, pace, group.Describe(setup.Instruments));
            foreach (string problem in result.Problems) Console.Error.WriteLine($"replay: {problem}");
            damaged |= result.Problems.Count > 0;
            PrintGroup(group, counters, result.Records, result.Payloads, segments.Count, result.RecordedSpan, result.Elapsed, pace);
        }
        EventReport.Write(Console.Out, digests);
        foreach ((_, EventDigest d) in digests) d.Dispose();
        return damaged ? ExitCodes.DataError : ExitCodes.Ok;
    }

    /// <summary>With a trading section: every group merged in receive order into the books and the trading engine.</summary>
    private static int RunTrading(MarketDataSetup setup, List<(FeedGroup Group, IReadOnlyList<string> Segments)> plan, ReplayPace pace, string? run, string? decisionsPath)
    {
        TradingConfig trading = setup.Root.Trading!;
        string? decisionsDir = decisionsPath ?? (run is not null && trading.DecisionLog.Directory is { } decisionsBase ? Path.Combine(decisionsBase, run) : null);
        RecordedCommands? recorded = decisionsDir is null ? null : RecordedCommands.Load(decisionsDir);
        if (decisionsPath is not null && recorded is null)
        {
            Console.Error.WriteLine($"replay: --decisions {decisionsPath}: no decision journal (decisions-NNNNNN.journal) there");
            return ExitCodes.NoInput;
        }

        using var replay = new TradingReplay(setup.Root, setup.Instruments, recorded);
        var digests = new List<(string, EventDigest)>();
        var groups = new List<MergedJournalReplay.Group<TradingReplaySink>>();
        var counters = new List<FeedCounters>();
        foreach ((FeedGroup group, IReadOnlyList<string> segments) in plan)
        {
            var digest = new EventDigest();
            digests.Add((group.Name, digest));
            var c = new FeedCounters(group.Lines.Count);
            counters.Add(c);
            var processor = new FeedProcessor<TradingReplaySink>(setup.Instruments, group.Streams, group.Lines.Count, c, new TradingReplaySink(digest, replay),
                rejoinHoldMs: group.Lines[0].RejoinHoldMs);
            groups.Add(new MergedJournalReplay.Group<TradingReplaySink>(group.Name, segments, processor, group.Describe(setup.Instruments)));
        }
        TimeSpan elapsed = MergedJournalReplay.Run(groups, pace);
        replay.Finish();

        bool damaged = false;
        for (int i = 0; i < groups.Count; i++)
        {
            var g = groups[i];
            foreach (string problem in g.Problems) Console.Error.WriteLine($"replay: {problem}");
            damaged |= g.Problems.Count > 0;
            PrintGroup(plan[i].Group, counters[i], g.Records, g.Payloads, g.Segments.Count, g.RecordedSpan, elapsed, pace);
        }
        EventReport.Write(Console.Out, digests);
        foreach ((_, EventDigest d) in digests) d.Dispose();

        string digestText = replay.Digest();
        var engine = replay.Engine;
        Console.WriteLine($"trading: {engine.StrategyName} on {string.Join(", ", setup.Root.Strategy.Instruments)}, replayed on the paper gateway"
            + (replay.RecordedGateway == GatewayKind.Venue ? " (recorded with the venue gateway: its fills came from the venue and are not in the journal, so the decisions differ from the live ones)" : ""));
        Console.WriteLine($"  {engine.EventIndex} events, {engine.Risk.Accepted} orders accepted, {engine.Risk.TotalRefused} refused, {engine.Orders.Fills} fills, state {engine.Risk.State.ToString().ToUpperInvariant()}"
            + $", day P&L {engine.Risk.DailyPnl.ToString("0.00", CultureInfo.InvariantCulture)}");
        if (recorded is null)
            Console.WriteLine($"  operator commands: none known ({(decisionsDir is null ? "no decision journal for this run" : $"no decision journal in {decisionsDir}")}; a session with halt, flatten or a stop diverges from there)");
        else
        {
            Console.WriteLine($"  operator commands from {recorded.Directory}: {recorded.Describe()}");
            if (replay.CommandsLeft > 0) Console.WriteLine($"  {replay.CommandsLeft} command(s) came after the last event the journal holds: not applied");
        }
        Console.WriteLine($"decisions: {engine.Decisions.Count}");
        Console.WriteLine($"decision digest: {digestText}");
        if (recorded is null) return damaged ? ExitCodes.DataError : ExitCodes.Ok;
        bool same = recorded.Digest == digestText && recorded.Records == engine.Decisions.Count;
        Console.WriteLine($"recorded decision digest: {recorded.Digest} ({recorded.Records} records): {(same ? "identical" : "DIFFERENT")}");
        return damaged || (!same && replay.RecordedGateway == GatewayKind.Paper) ? ExitCodes.DataError : ExitCodes.Ok;
    }

    private static void PrintGroup(FeedGroup group, FeedCounters counters, long records, long payloads, int segments, TimeSpan span, TimeSpan elapsed, ReplayPace pace)
    {
        Console.WriteLine($"group {group.Name}: {records} records ({payloads} payloads) in {segments} segment(s), "
            + $"{span.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s recorded, replayed in "
            + $"{elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s ({pace})");
        Console.WriteLine($"  {counters[FeedCounter.Messages]} messages, {counters[FeedCounter.Malformed]} malformed, {counters[FeedCounter.Gaps]} gaps, "
            + $"{counters[FeedCounter.Duplicates]} duplicates, {counters[FeedCounter.Losses]} arbitration losses, {counters[FeedCounter.Resyncs]} resyncs, "
            + $"{counters[FeedCounter.Disconnects] + counters[FeedCounter.ConnectFailures]} reconnects, {counters[FeedCounter.Stales]} stale");
    }

    /// <summary>A daemon run's directory name: its start (UTC), with a suffix for a second start in the same second.</summary>
    [GeneratedRegex(@"^\d{8}T\d{6}Z(\.\d+)?$")]
    private static partial Regex RunName();

    /// <summary>
    /// Segments per feed group: a single segment file, or a directory with the groups' segments (`record`'s
    /// output, or one daemon run's directory, whose name <paramref name="run"/> then is).
    /// </summary>
    private static List<(FeedGroup, IReadOnlyList<string>)>? Plan(MarketDataSetup setup, string path, out string? run, out string? error)
    {
        error = null;
        run = null;
        var plan = new List<(FeedGroup, IReadOnlyList<string>)>();
        if (File.Exists(path))
        {
            string? prefix = JournalFiles.PrefixOf(path);
            FeedGroup? group = setup.Groups.FirstOrDefault(g => g.JournalPrefix == prefix) ?? (setup.Groups.Count == 1 ? setup.Groups[0] : null);
            if (group is null)
            {
                error = $"{path}: no configured feed group '{prefix}' (groups: {string.Join(", ", setup.Groups.Select(g => g.JournalPrefix))})";
                return null;
            }
            string? dir = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path)));
            if (dir is not null && RunName().IsMatch(dir)) run = dir;
            plan.Add((group, [path]));
            return plan;
        }
        if (!Directory.Exists(path))
        {
            error = $"{path}: no such file or directory";
            return null;
        }
        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));
        if (RunName().IsMatch(name)) run = name;
        foreach (FeedGroup group in setup.Groups)
        {
            IReadOnlyList<string> segments = JournalReader.FindSegments(path, group.JournalPrefix);
            if (segments.Count == 0)
            {
                var runs = Directory.GetDirectories(path).Select(Path.GetFileName).Where(n => n is not null && RunName().IsMatch(n)).Order(StringComparer.Ordinal).ToList();
                error = runs.Count > 0
                    ? $"{path}: holds daemon runs ({string.Join(", ", runs)}); replay one: --journal {Path.Combine(path, runs[^1]!)}"
                    : $"{path}: no journal of feed group '{group.Name}' ({group.JournalPrefix}-000000{JournalFormat.FileExtension})";
                return null;
            }
            plan.Add((group, segments));
        }
        return plan;
    }
}
