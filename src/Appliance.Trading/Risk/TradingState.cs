namespace Appliance.Trading.Risk;

public enum TradingState : byte
{
    /// <summary>Every order the limits allow.</summary>
    Active,
    /// <summary>Only orders that reduce a position.</summary>
    Reducing,
    /// <summary>No new entries, working orders cancelled; only exits and flatten orders pass.</summary>
    Halted,
}
