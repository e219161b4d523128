namespace Appliance.Trading.Orders;

/// <summary>Who asked for an order: decides which risk checks apply.</summary>
public enum OrderOrigin : byte
{
    /// <summary>A strategy intent: every check.</summary>
    Strategy,
    /// <summary>A quote the order manager places or amends for a strategy: every check.</summary>
    Quote,
    /// <summary>An exit rule (take-profit, stop, trailing, duration, session end, emergency, feed gate): must reduce, passes in every state.</summary>
    Exit,
    /// <summary>An operator or breaker flatten: must reduce, passes in every state.</summary>
    Flatten,
}
