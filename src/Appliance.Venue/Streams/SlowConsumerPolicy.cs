namespace Appliance.Venue.Streams;

/// <summary>What happens when a connection falls a whole log behind the market.</summary>
public enum SlowConsumerPolicy
{
    /// <summary>The market runs on; the connection is closed (1008 "slow consumer") and counted. Binance behaves so.</summary>
    Drop,
    /// <summary>The generator waits for the slowest connection (benchmarks: nothing is lost, the rate adapts).</summary>
    Block,
}
