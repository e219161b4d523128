using Appliance.MarketData.Events;
using Appliance.Trading.Bars;

namespace Appliance.Trading.Strategies;

/// <summary>
/// A strategy, called on the strategy thread after the engine updated books, indicators and positions.
/// It reads the context (read-only views) and adds intents to the sink; it must not do I/O, read any
/// clock (time is <see cref="StrategyContext.NowNs"/>, from events) or allocate per call. The same events
/// in the same order must produce the same intents: replay depends on it.
/// </summary>
public interface IStrategy
{
    string Name { get; }

    /// <summary>A bar of a traded instrument closed (called before <see cref="OnEvent"/> for the event that closed it).</summary>
    void OnBar(int instrumentId, in Bar bar, StrategyContext context, IntentSink intents);

    /// <summary>Every market event, whatever its instrument.</summary>
    void OnEvent(in MarketEvent ev, StrategyContext context, IntentSink intents);

    /// <summary>Whether the strategy's inputs for the instrument are past their warm-up; entries are refused until then.</summary>
    bool IsWarm(int instrumentId, StrategyContext context);
}
