namespace Appliance.Trading.Risk;

/// <summary>A change of trading state, with why and when (event time).</summary>
public readonly record struct StateTransition(TradingState From, TradingState To, StateCause Cause, long TimeNs);
