namespace Appliance.Trading.Exits;

/// <summary>Why a position is being closed.</summary>
public enum ExitReason : byte
{
    None = 0,
    TakeProfit,
    StopLoss,
    TrailingStop,
    /// <summary>The position reached its maximum duration.</summary>
    MaxDuration,
    /// <summary>The session's closing minutes began.</summary>
    SessionEnd,
    /// <summary>A single extreme move against the position.</summary>
    Emergency,
    /// <summary>Stale feed, gap or overload with the feed gate set to flatten.</summary>
    FeedGate,
    /// <summary>An operator <c>flatten</c>, or a breaker configured to flatten.</summary>
    Flatten,
    /// <summary>The strategy asked to close (e.g. an opposite crossover).</summary>
    Strategy,
}
