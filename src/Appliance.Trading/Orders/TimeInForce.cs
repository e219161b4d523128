namespace Appliance.Trading.Orders;

public enum TimeInForce : byte
{
    /// <summary>Rests until filled or cancelled.</summary>
    GoodTillCancelled,
    /// <summary>Fills what it can at once; the rest expires.</summary>
    ImmediateOrCancel,
}
