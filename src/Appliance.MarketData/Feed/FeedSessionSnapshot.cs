namespace Appliance.MarketData.Feed;

/// <summary>A feed session's state for the admin socket and metrics (taken on any thread; cold).</summary>
public sealed record FeedSessionSnapshot(
    string Name,
    bool Running,
    string? Fault,
    IReadOnlyList<FeedLineSnapshot> Lines,
    long Messages,
    long Malformed,
    long Forwarded,
    long Published,
    long Gaps,
    long MissingIds,
    long Duplicates,
    long Losses,
    long Resyncs,
    long SnapshotRequests,
    long SnapshotFailures,
    long Reconnects,
    long Stales,
    long RingDrops,
    long RingHighWaterMark,
    int RingCapacity,
    long JournalDrops,
    bool Halted,
    long FeedThreadAllocatedBytes);

/// <summary>One line of a feed session. Ages are milliseconds since the last message (-1: none yet).</summary>
public sealed record FeedLineSnapshot(
    string Feed,
    string Line,
    string Url,
    string State,
    bool Connected,
    int ConnectionId,
    double LastMessageAgeMs,
    double LastMarketMessageAgeMs,
    long Messages,
    long Wins,
    long Losses,
    long Duplicates,
    long Connects,
    long ConnectFailures,
    long Disconnects,
    long Stales,
    long LeadCount,
    double LeadMeanMicroseconds,
    double LeadMaxMicroseconds);
