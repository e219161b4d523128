namespace Appliance.Trading.Strategies;

public enum IntentKind : byte
{
    None = 0,
    /// <summary>Hold this signed quantity: the engine trades the difference with a protected IOC order.</summary>
    TargetPosition = 1,
    /// <summary>A limit order as given.</summary>
    Order = 2,
    /// <summary>Cancel the strategy's working orders in the instrument.</summary>
    CancelAll = 3,
    /// <summary>One resting quote wanted; all Quote intents for an instrument in one call are its whole desired set.</summary>
    Quote = 4,
    /// <summary>No resting quotes wanted in the instrument.</summary>
    ClearQuotes = 5,
}
