using Appliance.Trading.Control;
using Appliance.Trading.Decisions;

namespace Appliance.Cli;

/// <summary>
/// What a live session's decision journal says about itself for its replay: the operator commands (halt,
/// resume, flatten, the stop's reduce) with the event they followed, which the market-data journal does not
/// hold, and the digest of every recorded decision, which the replay must reproduce.
/// </summary>
internal sealed record RecordedCommands(string Directory, IReadOnlyList<(long AfterEvent, ControlCommandKind Kind)> Commands, string Digest, long Records)
{
    public static RecordedCommands? Load(string directory)
    {
        if (!System.IO.Directory.Exists(directory) || Appliance.MarketData.Journal.JournalReader.FindSegments(directory, DecisionLog.JournalPrefix).Count == 0) return null;
        var commands = new List<(long, ControlCommandKind)>();
        foreach (DecisionRecord r in DecisionLog.ReadJournal(directory))
            if (r.Kind == DecisionKind.Command) commands.Add((r.EventIndex, (ControlCommandKind)r.Reason));
        string digest = DecisionLog.DigestOfJournal(directory, out long records);
        return new RecordedCommands(directory, commands, digest, records);
    }

    public string Describe() => Commands.Count == 0
        ? "none"
        : string.Join(", ", Commands.Select(c => $"{Name(c.Kind)} after event {c.AfterEvent}"));

    private static string Name(ControlCommandKind kind) => kind switch
    {
        ControlCommandKind.StopEntries => "stop entries",
        ControlCommandKind.CancelAll => "cancel all",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
