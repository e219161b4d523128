namespace Appliance.Hosting.Config;

/// <summary>What happens to open orders and positions when the daemon stops.</summary>
public enum StopAction
{
    /// <summary>Cancel working orders and close positions (the default: nothing is carried overnight).</summary>
    Flatten,
    /// <summary>Cancel working orders, keep positions.</summary>
    Cancel,
    /// <summary>Leave everything as it is.</summary>
    None,
}
