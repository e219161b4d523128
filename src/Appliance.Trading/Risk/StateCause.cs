namespace Appliance.Trading.Risk;

/// <summary>Why the trading state last changed.</summary>
public enum StateCause : byte
{
    None,
    /// <summary>An operator command (halt, flatten, resume, reduce).</summary>
    Operator,
    /// <summary>The day's loss reached the limit.</summary>
    DailyLoss,
    /// <summary>The day's loss reached the reducing fraction of the limit.</summary>
    LossWarning,
    /// <summary>Too many losing round trips in a row.</summary>
    ConsecutiveLosses,
    /// <summary>A new trading day cleared a loss breaker.</summary>
    NewDay,
}
