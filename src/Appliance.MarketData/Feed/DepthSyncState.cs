namespace Appliance.MarketData.Feed;

public enum DepthSyncState : byte
{
    /// <summary>No diff seen yet: the first one starts buffering and asks for a snapshot.</summary>
    NeedSnapshot,
    /// <summary>Diffs are held while the REST snapshot is fetched.</summary>
    Buffering,
    /// <summary>Diffs pass through with U/u continuity checked.</summary>
    Synced,
}
