using Appliance.MarketData.Config;
using Appliance.MarketData.Instruments;

namespace Appliance.MarketData.Feed;

/// <summary>The lines of one feed group (configured feeds with the same group), in configuration order. One feed thread each.</summary>
public sealed record FeedGroup(string Name, IReadOnlyList<FeedConfig> Lines)
{
    /// <summary>The groups of a validated configuration, in order of their first line.</summary>
    public static IReadOnlyList<FeedGroup> FromConfig(MarketDataConfig config)
    {
        var groups = new List<FeedGroup>();
        foreach (var g in config.Feeds.GroupBy(f => f.GroupName, StringComparer.Ordinal))
            groups.Add(new FeedGroup(g.Key, g.ToList()));
        return groups;
    }

    /// <summary>The instrument table of a validated configuration (ids in configuration order).</summary>
    public static InstrumentTable Instruments(MarketDataConfig config) => new(config.Instruments.Select(i => i.ToInstrument()));

    /// <summary>The group's streams (every line carries the same).</summary>
    public IReadOnlyList<string> Streams => Lines[0].Streams;

    /// <summary>A file-name-safe form of the name, used as the journal segment prefix.</summary>
    public string JournalPrefix => string.Concat(Name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));

    /// <summary>
    /// The text of the journal's SessionStart record: what replay needs to be the same (instruments, streams,
    /// lines). Replay refuses a configuration whose description differs.
    /// </summary>
    public string Describe(InstrumentTable instruments)
    {
        var lines = new List<string>
        {
            "appliance feed session 1",
            $"group {Name}",
            $"lines {string.Join(' ', Lines.Select(l => l.Line))}",
            $"streams {string.Join(' ', Streams)}",
        };
        // Arbitration's one setting changes what replay decides, so it is part of what must be the same.
        if (Lines.Count > 1) lines.Add($"rejoin-hold-ms {Lines[0].RejoinHoldMs}");
        for (int i = 0; i < instruments.Count; i++)
        {
            Instrument x = instruments[i];
            lines.Add($"instrument {i} {x.VenueSymbol} {x.PriceScale} {x.QuantityScale}");
        }
        return string.Join('\n', lines) + "\n";
    }
}
