namespace Appliance.MarketData.Config;

/// <summary>
/// Reconnect backoff of a feed: the n-th consecutive failed attempt waits
/// <c>min(initialMs · 2^(n-1), maxMs)</c> scaled by a random factor in <c>[1 - jitter, 1 + jitter]</c>.
/// </summary>
public sealed record BackoffConfig
{
    public int InitialMs { get; set; } = 100;

    public int MaxMs { get; set; } = 5000;

    /// <summary>0 (none) to 1.</summary>
    public double Jitter { get; set; } = 0.2;
}
