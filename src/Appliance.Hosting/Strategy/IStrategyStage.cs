using Appliance.MarketData.Books;
using Appliance.MarketData.Events;

namespace Appliance.Hosting.Strategy;

/// <summary>
/// What the strategy thread runs for each market event once the event's order book is up to date: the
/// <see cref="TradingStage"/> (the trading engine of Appliance.Trading: indicators, strategy, risk, orders,
/// adapted here since Hosting depends on Trading and not the other way round) when the config has a
/// <c>trading</c> section, else the <see cref="PassThroughStage"/>.
/// Every method runs on the strategy thread unless it says otherwise; the hot ones must not allocate, lock,
/// block or format.
/// </summary>
public interface IStrategyStage
{
    /// <summary>Shown by `ctl status`.</summary>
    string Name { get; }

    /// <summary>Hot: one event, after <paramref name="book"/> (null for events about no instrument) applied it.</summary>
    void OnEvent(in MarketEvent ev, OrderBook? book);

    /// <summary>Hot: a round in which no ring had an event (timers, gateway polls). <paramref name="now"/> is MonoClock ticks.</summary>
    void OnIdle(long now);

    /// <summary>Cold: a control request (admin verb, session end, stop), between events. Returns what happened, for the answer.</summary>
    string OnControl(StrategyCommand command, string? reason);

    /// <summary>Any thread: no order is working and no position is open (a stop waits for it after flatten).</summary>
    bool IsFlat { get; }

    /// <summary>Any thread: the kill switch is on (halt, flatten, or a breaker); health and metrics show it.</summary>
    bool IsHalted { get; }

    /// <summary>Any thread, cold: the stage's state and counters for `ctl status` and `ctl stats`.</summary>
    IReadOnlyList<KeyValuePair<string, string>> Describe();
}
