using Appliance.MarketData.Books;
using Appliance.MarketData.Events;

namespace Appliance.Hosting.Strategy;

/// <summary>
/// The stage until the trading engine is wired in: consumes events (the loop has already updated the books
/// and recorded latencies), sends no orders, and keeps the control state (entries stopped, halted) so the
/// admin verbs and the stop sequence behave as they will with a strategy. Always flat.
/// </summary>
public sealed class PassThroughStage : IStrategyStage
{
    private long _events;
    private long _trades;
    private volatile bool _entriesStopped;
    private volatile bool _halted;
    private volatile string? _haltReason;

    public string Name => "pass-through";

    public bool IsFlat => true;

    public bool IsHalted => _halted;

    public bool EntriesStopped => _entriesStopped;

    public void OnEvent(in MarketEvent ev, OrderBook? book)
    {
        _events++;
        if (ev.Kind == MarketEventKind.Trade) _trades++;
    }

    public void OnIdle(long now)
    {
    }

    public string OnControl(StrategyCommand command, string? reason)
    {
        switch (command)
        {
            case StrategyCommand.StopEntries:
                _entriesStopped = true;
                return "new entries stopped";
            case StrategyCommand.Halt:
                _halted = true;
                _haltReason = reason;
                return reason is null ? "halted" : $"halted: {reason}";
            case StrategyCommand.Resume:
                bool was = _halted || _entriesStopped;
                _halted = false;
                _entriesStopped = false;
                _haltReason = null;
                return was ? "resumed" : "was not halted";
            case StrategyCommand.CancelAll:
                return "no working orders (pass-through stage)";
            case StrategyCommand.Flatten:
                _halted = true;
                _haltReason = reason ?? "flatten";
                return "flat: no orders or positions (pass-through stage); halted";
            default:
                throw new ArgumentOutOfRangeException(nameof(command), command, null);
        }
    }

    public IReadOnlyList<KeyValuePair<string, string>> Describe() =>
    [
        new("stage", Name),
        new("state", _halted ? "halted" : _entriesStopped ? "entries stopped" : "running"),
        new("halt_reason", _haltReason ?? ""),
        new("events", Volatile.Read(ref _events).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("trades", Volatile.Read(ref _trades).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("orders", "0"),
        new("positions", "0"),
    ];
}
