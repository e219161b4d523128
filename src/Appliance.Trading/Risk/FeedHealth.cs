namespace Appliance.Trading.Risk;

/// <summary>Why an instrument's data cannot be trusted for entries right now.</summary>
[Flags]
public enum FeedHealth : byte
{
    Healthy = 0,
    /// <summary>The feed reported no data for too long; cleared by the next data event.</summary>
    Stale = 1,
    /// <summary>Venue ids were skipped; cleared by a resync, a snapshot, or a quiet period of clean data.</summary>
    Gap = 2,
    /// <summary>Events were lost locally (a full ring); cleared like a gap.</summary>
    Overload = 4,
    /// <summary>The connection is being re-established; cleared by the next data event.</summary>
    Reconnecting = 8,
    /// <summary>A trade jumped more than the alert threshold (with JumpAction BlockEntries); cleared after the block time.</summary>
    Jump = 16,
}
