namespace Appliance.MarketData.Journal;

public sealed record JournalWriterOptions
{
    /// <summary>Directory the segments go into; created if missing.</summary>
    public required string Directory { get; init; }

    /// <summary>Segment file name prefix ("md" gives md-000000.journal, md-000001.journal, ...).</summary>
    public string FilePrefix { get; init; } = "md";

    /// <summary>A segment is closed and the next opened before a record would take it past this size.</summary>
    public long MaxSegmentBytes { get; init; } = 256L << 20;

    /// <summary>Bytes of the hand-off ring between the feed thread and the writer thread (a power of two).</summary>
    public int RingBytes { get; init; } = 16 << 20;

    public FsyncPolicy Fsync { get; init; } = FsyncPolicy.Interval;

    public TimeSpan FsyncInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long the writer thread sleeps when the ring is empty; bounds how stale the file can be.</summary>
    public TimeSpan IdleSleep { get; init; } = TimeSpan.FromMilliseconds(1);
}
