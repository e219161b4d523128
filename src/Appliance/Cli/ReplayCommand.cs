using System.CommandLine;
using System.Globalization;
using Appliance.MarketData.Feed;
using Appliance.MarketData.Journal;
using Appliance.MarketData.Replay;

namespace Appliance.Cli;

/// <summary>
/// `appliance replay --config FILE --journal PATH [--pace max|realtime|xN]`: feeds a recorded journal through
/// the same decoder and feed-session processing as live, and prints the event counts and digest. PATH is the
/// directory `appliance record` wrote (every configured feed group's segments are replayed) or one segment.
/// Exit codes: 0; 65 the journal is damaged or does not match the configuration; 66 no journal; 78 bad config.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "Configuration file the journal was recorded with", Required = true };
        var journal = new Option<string>("--journal") { Description = "Journal directory (as written by `appliance record`) or one segment file", Required = true };
        var pace = new Option<string>("--pace") { Description = "max (default), realtime, or xN (N times the recorded speed)", DefaultValueFactory = _ => "max" };
        var cmd = new Command("replay", "Replay a raw journal through the feed processing and print the event digest.") { config, journal, pace };
        cmd.SetAction(parse => Run(parse.GetValue(config)!, parse.GetValue(journal)!, parse.GetValue(pace)!));
        return cmd;
    }

    private static int Run(string configPath, string journalPath, string paceText)
    {
        if (!ReplayPace.TryParse(paceText, out ReplayPace pace))
        {
            Console.Error.WriteLine($"replay: --pace '{paceText}' is not max, realtime or xN (N > 0)");
            return ExitCodes.Usage;
        }
        MarketDataSetup? setup = MarketDataSetup.Load("replay", configPath, Console.Error);
        if (setup is null) return ExitCodes.Config;

        List<(FeedGroup Group, IReadOnlyList<string> Segments)>? plan = Plan(setup, journalPath, out string? error);
        if (plan is null)
        {
            Console.Error.WriteLine($"replay: {error}");
            return File.Exists(journalPath) || Directory.Exists(journalPath) ? ExitCodes.DataError : ExitCodes.NoInput;
        }

        var digests = new List<(string, EventDigest)>();
        bool damaged = false;
        try
        {
            foreach ((FeedGroup group, IReadOnlyList<string> segments) in plan)
            {
                var digest = new EventDigest();
                digests.Add((group.Name, digest));
                var counters = new FeedCounters(group.Lines.Count);
                var processor = new FeedProcessor<DigestEventSink>(setup.Instruments, group.Streams, group.Lines.Count, counters, new DigestEventSink(digest));
                ReplayResult result = JournalReplayer.Replay(segments, processor, pace, group.Describe(setup.Instruments));
                foreach (string problem in result.Problems) Console.Error.WriteLine($"replay: {problem}");
                damaged |= result.Problems.Count > 0;
                Console.WriteLine($"group {group.Name}: {result.Records} records ({result.Payloads} payloads) in {segments.Count} segment(s), "
                    + $"{result.RecordedSpan.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s recorded, replayed in "
                    + $"{result.Elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s ({pace})");
                Console.WriteLine($"  {counters[FeedCounter.Messages]} messages, {counters[FeedCounter.Malformed]} malformed, {counters[FeedCounter.Gaps]} gaps, "
                    + $"{counters[FeedCounter.Duplicates]} duplicates, {counters[FeedCounter.Losses]} arbitration losses, {counters[FeedCounter.Resyncs]} resyncs, "
                    + $"{counters[FeedCounter.Disconnects] + counters[FeedCounter.ConnectFailures]} reconnects, {counters[FeedCounter.Stales]} stale");
            }
        }
        catch (Exception e) when (e is ReplayException or InvalidDataException or IOException)
        {
            Console.Error.WriteLine($"replay: {e.Message}");
            return ExitCodes.DataError;
        }
        EventReport.Write(Console.Out, digests);
        foreach ((_, EventDigest d) in digests) d.Dispose();
        return damaged ? ExitCodes.DataError : ExitCodes.Ok;
    }

    private static List<(FeedGroup, IReadOnlyList<string>)>? Plan(MarketDataSetup setup, string path, out string? error)
    {
        error = null;
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
            IReadOnlyList<string> segments = JournalReader.FindSegments(path, group.JournalPrefix);
            if (segments.Count == 0)
            {
                error = $"{path}: no journal of feed group '{group.Name}' ({group.JournalPrefix}-000000{JournalFormat.FileExtension})";
                return null;
            }
            plan.Add((group, segments));
        }
        return plan;
    }
}
