namespace Appliance.Hosting.Config;

/// <summary>How the strategy thread waits for the next event.</summary>
public enum SpinMode
{
    /// <summary>Burn the core with `pause`: lowest latency; only for an isolated core.</summary>
    Busy,
    /// <summary>Spin briefly, then yield the core: for a core shared with other hot work.</summary>
    Yield,
    /// <summary>Spin, yield, then sleep 1 ms between polls after a quiet spell: for shared machines (the demo, CI).</summary>
    Backoff,
}
