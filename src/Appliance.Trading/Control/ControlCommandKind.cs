namespace Appliance.Trading.Control;

/// <summary>Operator commands (the kill switch). Stable numbers: recorded in the decision log.</summary>
public enum ControlCommandKind : byte
{
    None = 0,
    /// <summary>HALTED: no new entries, working orders cancelled, positions kept.</summary>
    Halt = 1,
    /// <summary>Back to ACTIVE.</summary>
    Resume = 2,
    /// <summary>HALTED, working orders cancelled, every position closed with price protection.</summary>
    Flatten = 3,
    /// <summary>REDUCING: only orders that reduce a position.</summary>
    Reduce = 4,
    /// <summary>No new entries; exits and working orders carry on (the host's name for it at session close or stop). Same state as Reduce.</summary>
    StopEntries = 5,
    /// <summary>Cancel every working order except exits; state and positions unchanged.</summary>
    CancelAll = 6,
}
