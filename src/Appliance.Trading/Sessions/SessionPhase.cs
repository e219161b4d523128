namespace Appliance.Trading.Sessions;

public enum SessionPhase : byte
{
    /// <summary>Between sessions: no entries.</summary>
    Closed,
    /// <summary>Entries allowed.</summary>
    Open,
    /// <summary>The last minutes of a session: positions are closed and no entry is made.</summary>
    Closing,
}
