using Appliance.MarketData.Events;
using Appliance.Trading.Bars;
using Appliance.Trading.Config;
using Appliance.Trading.Engine;
using Appliance.Trading.Strategies;
using BenchmarkDotNet.Attributes;

namespace Appliance.Benchmarks.Trading;

/// <summary>
/// Strategy-thread cost per market event: the whole pipeline (commands, gateway answers, prices,
/// indicators and bars, exits, breakers, the reference strategy, full pre-trade risk, orders through the
/// paper gateway, the decision log hand-off, snapshot publication) with the reference strategy trading.
/// Goal: ≤ 300 ns per event, 0 B. There is no .NET trading engine to compare with, so the baseline is
/// what the host pays per event anyway: applying the event to the book (the benchmarks below include it).
/// </summary>
[MemoryDiagnoser]
public class TradingEngineBenchmarks
{
    private const int Batch = 1024;

    private TradingEventScript _script = null!;
    private TradingEngine _engine = null!;
    private TradingEventScript _idleScript = null!;
    private TradingEngine _idle = null!;
    private TradingEventScript _bookScript = null!;

    [GlobalSetup]
    public void Setup()
    {
        _script = new TradingEventScript(1 << 16);
        _engine = Create(_script, strategy: null);
        _idleScript = new TradingEventScript(1 << 16);
        _idle = Create(_idleScript, new NothingStrategy());
        _bookScript = new TradingEventScript(1 << 16);
        // Warm: indicators ready, first trades done, every path jitted.
        for (int i = 0; i < 40_000; i++)
        {
            _engine.OnEvent(in _script.Next());
            _idle.OnEvent(in _idleScript.Next());
        }
    }

    private static TradingEngine Create(TradingEventScript script, IStrategy? strategy) => new(new TradingEngineOptions
    {
        Instruments = script.Table,
        Books = script.Books,
        Trading = new TradingConfig { DecisionLog = new DecisionLogConfig { LogLines = false } },
        Risk = new RiskConfig { Capital = 1_000_000m, MaxPositionLots = 10_000_000, MaxOrderLots = 10_000_000, MaxOrderNotional = 100_000m, MaxConsecutiveLosses = 0, DailyLossLimit = 100_000m },
        Strategy = new StrategyConfig { Instruments = ["BTC-USDT"], OrderNotional = 5_000m, Indicators = new IndicatorConfig { Bar = new BarConfig { Size = 200m } } },
        StrategyOverride = strategy,
        ClientOrderIdBase = 1,
        BackgroundDecisionLog = true,
    });

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// reference strategy: {_engine.Orders.Fills} fills, {_engine.Decisions.Count} decisions, {_engine.Risk.Accepted} orders accepted");
        _engine.Dispose();
        _idle.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public long BookApplyOnly()
    {
        long n = 0;
        for (int i = 0; i < Batch; i++) n += _bookScript.Next().Kind == MarketEventKind.Trade ? 1 : 0;
        return n;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public long PerEvent_PipelineWithoutStrategy()
    {
        for (int i = 0; i < Batch; i++) _idle.OnEvent(in _idleScript.Next());
        return _idle.EventIndex;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public long PerEvent_ReferenceStrategy_FullRisk()
    {
        for (int i = 0; i < Batch; i++) _engine.OnEvent(in _script.Next());
        return _engine.EventIndex;
    }

    private sealed class NothingStrategy : IStrategy
    {
        public string Name => "nothing";
        public void OnBar(int instrumentId, in Bar bar, StrategyContext context, IntentSink intents) { }
        public void OnEvent(in MarketEvent ev, StrategyContext context, IntentSink intents) { }
        public bool IsWarm(int instrumentId, StrategyContext context) => true;
    }
}
