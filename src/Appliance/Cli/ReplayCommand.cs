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
/// `appliance replay --config FILE --journal PATH [--pace max|realtime|xN] [--run STAMP] [--decisions DIR]`:
/// feeds a recorded journal through the same decoder and feed-session processing as live, and prints the
/// event counts and digest. PATH is the directory `appliance record` or the daemon wrote (every configured
/// feed group's segments are replayed; the daemon's are named per run, `--run` picks one when there are
/// several) or one segment. When the config trades, the events also go through the books and the trading
/// engine (paper gateway) as on the daemon's strategy thread, with the operator commands of the live
/// session's decision journal, and the decision log's digest is printed and compared with the recorded one.
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
        var run = new Option<string?>("--run") { Description = "The daemon run to replay (its start stamp, e.g. 20260325T091400Z) when the directory holds several" };
        var decisions = new Option<string?>("--decisions") { Description = "The live session's decision journal (default: trading.decisionLog.directory/STAMP of the replayed run)" };
        var cmd = new Command("replay", "Replay a raw journal through the feed processing (and the trading engine) and print the digests.") { config, journal, pace, run, decisions };
        cmd.SetAction(parse => Run(parse.GetValue(config)!, parse.GetValue(journal)!, parse.GetValue(pace)!, parse.GetValue(run), parse.GetValue(decisions)));
        return cmd;
    }

    private static int Run(string configPath, string journalPath, string paceText, string? run, string? decisionsPath)
    {
        if (!ReplayPace.TryParse(paceText, out ReplayPace pace))
        {
            Console.Error.WriteLine($"replay: --pace '{paceText}' is not max, realtime or xN (N > 0)");
            return ExitCodes.Usage;
        }
        MarketDataSetup? setup = MarketDataSetup.Load("replay", configPath, Console.Error);
        if (setup is null) return ExitCodes.Config;

        List<(FeedGroup Group, IReadOnlyList<string> Segments)>? plan = Plan(setup, journalPath, run, out string? stamp, out string? error);
        if (plan is null)
        {
            Console.Error.WriteLine($"replay: {error}");
            return File.Exists(journalPath) || Directory.Exists(journalPath) ? ExitCodes.DataError : ExitCodes.NoInput;
        }
        try
        {
            return setup.Root.TradingEnabled ? RunTrading(setup, plan, pace, stamp, decisionsPath) : RunFeeds(setup, plan, pace);
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
            var processor = new FeedProcessor<DigestEventSink>(setup.Instruments, group.Streams, group.Lines.Count, counters, new DigestEventSink(digest));
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
    private static int RunTrading(MarketDataSetup setup, List<(FeedGroup Group, IReadOnlyList<string> Segments)> plan, ReplayPace pace, string? stamp, string? decisionsPath)
    {
        TradingConfig trading = setup.Root.Trading!;
        string? decisionsDir = decisionsPath ?? (stamp is not null ? TradingStageFactory.RunDirectory(trading, stamp) : null);
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
            var processor = new FeedProcessor<TradingReplaySink>(setup.Instruments, group.Streams, group.Lines.Count, c, new TradingReplaySink(digest, replay));
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
        Console.WriteLine($"trading: {engine.StrategyName} on {string.Join(", ", setup.Root.Strategy!.Instruments)}, replayed on the paper gateway"
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

    [GeneratedRegex(@"^\d{8}T\d{6}Z$")]
    private static partial Regex RunStamp();

    /// <summary>
    /// Segments per feed group: a single segment file; or a directory with `record`'s names (GROUP-NNNNNN) or
    /// the daemon's per-run names (GROUP-STAMP-NNNNNN), one run chosen by <paramref name="run"/> or because it is the only one.
    /// </summary>
    private static List<(FeedGroup, IReadOnlyList<string>)>? Plan(MarketDataSetup setup, string path, string? run, out string? stamp, out string? error)
    {
        error = null;
        stamp = null;
        var plan = new List<(FeedGroup, IReadOnlyList<string>)>();
        if (File.Exists(path))
        {
            string? prefix = JournalFiles.PrefixOf(path);
            FeedGroup? group = setup.Groups.FirstOrDefault(g => g.JournalPrefix == prefix)
                ?? setup.Groups.FirstOrDefault(g => prefix is not null && prefix.StartsWith(g.JournalPrefix + "-", StringComparison.Ordinal) && RunStamp().IsMatch(prefix[(g.JournalPrefix.Length + 1)..]))
                ?? (setup.Groups.Count == 1 ? setup.Groups[0] : null);
            if (group is null)
            {
                error = $"{path}: no configured feed group '{prefix}' (groups: {string.Join(", ", setup.Groups.Select(g => g.JournalPrefix))})";
                return null;
            }
            if (prefix is not null && prefix.Length > group.JournalPrefix.Length) stamp = prefix[(group.JournalPrefix.Length + 1)..];
            plan.Add((group, [path]));
            return plan;
        }
        if (!Directory.Exists(path))
        {
            error = $"{path}: no such file or directory";
            return null;
        }
        foreach (FeedGroup group in setup.Groups)
        {
            IReadOnlyList<string> segments = run is null ? JournalReader.FindSegments(path, group.JournalPrefix) : [];
            if (segments.Count == 0)
            {
                var runs = Directory.GetFiles(path, $"{group.JournalPrefix}-*{JournalFormat.FileExtension}")
                    .Select(JournalFiles.PrefixOf)
                    .Where(p => p is not null && p.Length > group.JournalPrefix.Length + 1 && RunStamp().IsMatch(p[(group.JournalPrefix.Length + 1)..]))
                    .Select(p => p![(group.JournalPrefix.Length + 1)..])
                    .Distinct().Order(StringComparer.Ordinal).ToList();
                string? chosen = run ?? (runs.Count == 1 ? runs[0] : null);
                if (runs.Count > 1 && run is null)
                {
                    error = $"{path}: {runs.Count} daemon runs of feed group '{group.Name}' ({string.Join(", ", runs)}); choose one with --run STAMP";
                    return null;
                }
                if (chosen is not null)
                {
                    segments = JournalReader.FindSegments(path, $"{group.JournalPrefix}-{chosen}");
                    stamp = chosen;
                }
            }
            if (segments.Count == 0)
            {
                error = run is null
                    ? $"{path}: no journal of feed group '{group.Name}' ({group.JournalPrefix}-000000{JournalFormat.FileExtension}, or a daemon run's {group.JournalPrefix}-STAMP-000000{JournalFormat.FileExtension})"
                    : $"{path}: no journal of feed group '{group.Name}' for run {run}";
                return null;
            }
            plan.Add((group, segments));
        }
        return plan;
    }
}
