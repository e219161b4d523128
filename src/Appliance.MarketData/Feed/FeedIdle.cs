namespace Appliance.MarketData.Feed;

/// <summary>What the feed thread does in a round where no line had data.</summary>
public enum FeedIdle : byte
{
    /// <summary>Spin when the thread is pinned to a CPU, back off otherwise.</summary>
    Auto,
    /// <summary>Poll again at once (a CPU pause): lowest latency, burns its core. For isolated cores.</summary>
    Spin,
    /// <summary>Spin briefly, then yield, then sleep 1 ms between polls: up to ~1 ms added latency after a quiet spell.</summary>
    Backoff,
}
