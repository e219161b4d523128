namespace Appliance.Hosting.Strategy;

/// <summary>Control requests the strategy thread carries out between events.</summary>
public enum StrategyCommand
{
    /// <summary>No new entries; exits and working orders carry on (session close approaching, stop begun).</summary>
    StopEntries,
    /// <summary>Kill switch: send no new orders at all; working orders and positions stay.</summary>
    Halt,
    /// <summary>Lift a halt (and a stop of entries).</summary>
    Resume,
    /// <summary>Cancel working orders; positions stay.</summary>
    CancelAll,
    /// <summary>Cancel working orders and close positions, then halt.</summary>
    Flatten,
}
