namespace Appliance.MarketData.Feed;

/// <summary>Counters of a feed session (all its lines together). Written by the feed thread only.</summary>
public enum FeedCounter
{
    /// <summary>WebSocket messages handed to the processor.</summary>
    Messages,
    PayloadBytes,
    /// <summary>Messages that did not decode (see <see cref="FeedCounters.MalformedBy"/>); never published.</summary>
    Malformed,
    /// <summary>Market messages published (first copies).</summary>
    Forwarded,
    /// <summary>Events published to the sink (a message may be several; status events included).</summary>
    Published,
    /// <summary>Answers to requests (SUBSCRIBE), published as status events.</summary>
    Responses,
    /// <summary>Gaps detected (one per discontinuity) and the venue ids they cover.</summary>
    Gaps,
    MissingIds,
    /// <summary>Copies dropped that their own line had already delivered (or whose first arrival is too old to tell).</summary>
    Duplicates,
    /// <summary>Copies dropped because another line delivered them first (A/B arbitration).</summary>
    Losses,
    /// <summary>Messages of a (re)connected line held back while another line filled the ids before them (see <see cref="MessageOutcome.HeldBack"/>).</summary>
    HeldBack,
    /// <summary>Depth diffs dropped because the snapshot already covered them.</summary>
    Superseded,
    /// <summary>Depth diffs held while waiting for a snapshot.</summary>
    Buffered,
    /// <summary>Books rebuilt from a snapshot plus buffered diffs.</summary>
    Resyncs,
    SnapshotRequests,
    /// <summary>Snapshot answers that were errors or did not decode (a new request follows).</summary>
    SnapshotFailures,
    /// <summary>Snapshots older than the first buffered diff (a new request follows).</summary>
    SnapshotsTooOld,
    /// <summary>Snapshot answers for requests no longer wanted.</summary>
    SnapshotsIgnored,
    /// <summary>Times a resync's diff buffer filled up and restarted from the newest diff.</summary>
    DepthBufferOverflows,
    ResyncRequests,
    Connects,
    ConnectFailures,
    /// <summary>Connections lost (not counting the session stopping).</summary>
    Disconnects,
    Stales,
    ReconnectRequests,
    /// <summary>Events the hand-off could not place in the ring (whole messages; see <see cref="RingDroppedMessages"/>).</summary>
    RingDrops,
    RingDroppedMessages,
    /// <summary>Dropped status events published once the ring had room again.</summary>
    RingDropReports,
    /// <summary>Times the halt policy raised the halt flag.</summary>
    Halts,
    /// <summary>Journal records refused by the journal's hand-off ring (replay of this session will differ).</summary>
    JournalDrops,
    /// <summary>GC.GetAllocatedBytesForCurrentThread of the feed thread, sampled each loop round.</summary>
    FeedThreadAllocatedBytes,
    /// <summary>Loop rounds of the feed thread (polls of all lines).</summary>
    LoopRounds,
}
