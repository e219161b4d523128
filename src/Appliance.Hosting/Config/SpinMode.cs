namespace Appliance.Hosting.Config;

/// <summary>How the strategy thread waits for the next event.</summary>
public enum SpinMode
{
    /// <summary>Burn the core with `pause`: lowest latency; only for an isolated core.</summary>
    Busy,
    /// <summary>Spin briefly, then yield: for cores shared with other work (laptops, CI, the demo).</summary>
    Yield,
}
