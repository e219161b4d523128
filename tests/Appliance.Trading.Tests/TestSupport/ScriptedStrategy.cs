using Appliance.MarketData.Events;
using Appliance.Trading.Bars;
using Appliance.Trading.Strategies;

namespace Appliance.Trading.Tests.TestSupport;

/// <summary>A strategy that emits what the test scripted for the next event (then nothing), and is always warm.</summary>
internal sealed class ScriptedStrategy : IStrategy
{
    public readonly Queue<Action<IntentSink>> Next = new();
    public Action<MarketEvent, StrategyContext, IntentSink>? Every { get; set; }

    public string Name => "scripted";
    public bool Warm { get; set; } = true;

    public void OnBar(int instrumentId, in Bar bar, StrategyContext context, IntentSink intents) { }

    public void OnEvent(in MarketEvent ev, StrategyContext context, IntentSink intents)
    {
        if (Next.TryDequeue(out Action<IntentSink>? act)) act(intents);
        Every?.Invoke(ev, context, intents);
    }

    public bool IsWarm(int instrumentId, StrategyContext context) => Warm;
}
