using Appliance.MarketData.Journal;

namespace Appliance.Cli;

/// <summary>Resolves a journal path given on the command line: one segment file, or every segment in a directory.</summary>
internal static class JournalFiles
{
    /// <summary>The segment files, in order (grouped by prefix, then index); null with an error when there are none.</summary>
    public static IReadOnlyList<string>? Resolve(string path, out string? error)
    {
        error = null;
        if (File.Exists(path)) return [path];
        if (Directory.Exists(path))
        {
            string[] files = Directory.GetFiles(path, $"*{JournalFormat.FileExtension}").Order(StringComparer.Ordinal).ToArray();
            if (files.Length > 0) return files;
            error = $"{path}: no *{JournalFormat.FileExtension} files in this directory";
            return null;
        }
        error = $"{path}: no such file or directory";
        return null;
    }

    /// <summary>"md" of "md-000042.journal"; null when the name is not a segment name.</summary>
    public static string? PrefixOf(string path)
    {
        string name = Path.GetFileName(path);
        if (!name.EndsWith(JournalFormat.FileExtension, StringComparison.Ordinal)) return null;
        string stem = name[..^JournalFormat.FileExtension.Length];
        int dash = stem.LastIndexOf('-');
        if (dash <= 0 || stem.Length - dash - 1 != 6 || !stem[(dash + 1)..].All(char.IsAsciiDigit)) return null;
        return stem[..dash];
    }

    /// <summary>Wall-clock time of a record's receive timestamp, from the segment header's clock pair.</summary>
    public static DateTime WallTime(in JournalHeader header, long ticks)
    {
        if (header.ClockTicksPerSecond <= 0) return DateTime.UnixEpoch;
        double seconds = (ticks - header.ClockTicksAtCreation) / (double)header.ClockTicksPerSecond;
        return DateTime.UnixEpoch.AddTicks(header.CreatedUnixNs / 100).AddSeconds(seconds);
    }

    public static string KindName(JournalRecordKind kind) => kind switch
    {
        JournalRecordKind.Payload => "payload",
        JournalRecordKind.SessionStart => "session-start",
        JournalRecordKind.Connected => "connected",
        JournalRecordKind.Disconnected => "disconnected",
        JournalRecordKind.Stale => "stale",
        JournalRecordKind.Snapshot => "snapshot",
        JournalRecordKind.ResyncRequested => "resync-requested",
        _ => $"kind-{(ushort)kind}",
    };
}
