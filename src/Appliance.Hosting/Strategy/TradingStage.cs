using Appliance.MarketData.Books;
using Appliance.MarketData.Events;
using Appliance.Trading.Control;
using Appliance.Trading.Engine;

namespace Appliance.Hosting.Strategy;

/// <summary>
/// The trading engine as the strategy stage: indicators, strategy, risk, orders and the gateway run inside
/// <see cref="TradingEngine.OnEvent"/> once the loop has updated the event's book. Control requests arrive
/// already on the strategy thread (the loop's channel), so they go straight to <see cref="TradingEngine.Execute"/>.
/// </summary>
public sealed class TradingStage(TradingEngine engine) : IStrategyStage
{
    public TradingEngine Engine { get; } = engine;

    public string Name => "trading";

    public bool IsFlat => Engine.IsFlat;

    public void OnEvent(in MarketEvent ev, OrderBook? book) => Engine.OnEvent(in ev);

    public void OnIdle(long now) => Engine.Poll();

    public string OnControl(StrategyCommand command, string? reason) => Engine.Execute(command switch
    {
        StrategyCommand.StopEntries => ControlCommandKind.StopEntries,
        StrategyCommand.Halt => ControlCommandKind.Halt,
        StrategyCommand.Resume => ControlCommandKind.Resume,
        StrategyCommand.CancelAll => ControlCommandKind.CancelAll,
        StrategyCommand.Flatten => ControlCommandKind.Flatten,
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
    }, reason);

    public IReadOnlyList<KeyValuePair<string, string>> Describe() => Engine.Describe();
}
