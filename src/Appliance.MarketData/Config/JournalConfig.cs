using System.Text.Json.Serialization;
using Appliance.MarketData.Journal;

namespace Appliance.MarketData.Config;

/// <summary>The <c>journal</c> section: the raw frame journal every feed thread writes to.</summary>
public sealed record JournalConfig
{
    public bool Enabled { get; set; } = true;

    public string Directory { get; set; } = "/var/lib/appliance/journal";

    /// <summary>"never" | "interval" | "everyRecord".</summary>
    public string Fsync { get; set; } = "interval";

    public int FsyncIntervalMs { get; set; } = 200;

    public int MaxSegmentMB { get; set; } = 256;

    /// <summary>Size of the hand-off ring between the feed threads and the writer, MiB (a power of two).</summary>
    public int RingMB { get; set; } = 16;

    /// <summary>The parsed <see cref="Fsync"/>; null when it is not a policy name.</summary>
    [JsonIgnore]
    public FsyncPolicy? FsyncPolicy => Fsync switch
    {
        "never" => Journal.FsyncPolicy.Never,
        "interval" => Journal.FsyncPolicy.Interval,
        "everyRecord" => Journal.FsyncPolicy.EveryRecord,
        _ => null,
    };

    /// <summary>Writer options for a journal in <paramref name="directory"/> (default: the configured one); call only after validation.</summary>
    public JournalWriterOptions ToWriterOptions(string? directory = null) => new()
    {
        Directory = directory ?? Directory,
        Fsync = FsyncPolicy ?? throw new InvalidOperationException($"journal.fsync '{Fsync}' is not never|interval|everyRecord"),
        FsyncInterval = TimeSpan.FromMilliseconds(FsyncIntervalMs),
        MaxSegmentBytes = (long)MaxSegmentMB << 20,
        RingBytes = RingMB << 20,
    };
}
