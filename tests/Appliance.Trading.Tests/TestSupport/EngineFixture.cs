using Appliance.MarketData.Events;
using Appliance.Trading.Config;
using Appliance.Trading.Engine;
using Appliance.Trading.Strategies;

namespace Appliance.Trading.Tests.TestSupport;

/// <summary>A trading engine on the synthetic market with the paper gateway and quick indicators.</summary>
internal sealed class EngineFixture : IDisposable
{
    public MarketEvent Event;

    public EngineFixture(int seed = 7, Func<StrategyConfig, StrategyConfig>? strategy = null, Func<RiskConfig, RiskConfig>? risk = null,
        Func<TradingConfig, TradingConfig>? trading = null, IStrategy? strategyOverride = null, bool background = false, int minGapMs = 20, int maxGapMs = 120)
    {
        Market = new SyntheticMarket(seed, TestInstruments.Table(), minGapMs: minGapMs, maxGapMs: maxGapMs);
        StrategyConfig s = QuickStrategy;
        if (strategy is not null) s = strategy(s);
        RiskConfig r = new() { Capital = 1_000_000m, MaxOrderNotional = 100_000m, MaxOrderLots = 1_000_000, MaxPositionLots = 1_000_000, MaxPositionPctOfCapital = 20m, OrdersPerSecond = 50m, DailyLossLimit = 50_000m };
        if (risk is not null) r = risk(r);
        TradingConfig t = new() { OrderPoolSize = 64, Paper = new PaperGatewayConfig { LatencyMicros = 500, SlippageBps = 1m }, DecisionLog = new DecisionLogConfig { LogLines = false, RingCapacity = 1 << 16 } };
        if (trading is not null) t = trading(t);
        Engine = new TradingEngine(new TradingEngineOptions
        {
            Instruments = TestInstruments.Table(),
            Books = Market.Books,
            Trading = t,
            Risk = r,
            Strategy = s,
            StrategyOverride = strategyOverride,
            ClientOrderIdBase = 1_000_000,
            BackgroundDecisionLog = background,
        });
    }

    public static StrategyConfig QuickStrategy => new()
    {
        Instruments = ["BTC-USDT"],
        OrderNotional = 5_000m,
        Indicators = new IndicatorConfig
        {
            Input = IndicatorInput.Bars, Bar = new BarConfig { Kind = BarKindConfig.Time, Size = 1_000m },
            EmaFast = 3, EmaSlow = 8, MacdFast = 3, MacdSlow = 8, MacdSignal = 3, RsiPeriod = 5, BollingerPeriod = 10, AtrPeriod = 5,
        },
        EmaCrossover = new EmaCrossoverConfig { ConfirmationTicks = 2, RsiMaxForLong = 80m, RsiMinForShort = 20m },
        Exits = new ExitConfig { TakeProfitPct = 0.4m, StopLossPct = 0.3m, TrailingStopPct = 0m, MaxHoldSeconds = 120, EmergencyMovePct = 5m },
    };

    public SyntheticMarket Market { get; }
    public TradingEngine Engine { get; }

    public void Run(int events)
    {
        for (int i = 0; i < events; i++)
        {
            Market.Next(ref Event);
            Engine.OnEvent(in Event);
        }
    }

    public void Trade(long price, long quantity = 100, long afterMs = 10, int id = 0)
    {
        Market.NowNs += afterMs * 1_000_000;
        Market.TradeAt(ref Event, id, price, quantity);
        Engine.OnEvent(in Event);
    }

    public void Book(long bid, long ask, long afterMs = 10, int id = 0, long quantity = 100_000)
    {
        Market.NowNs += afterMs * 1_000_000;
        Market.BookAt(ref Event, id, bid, ask, quantity);
        Engine.OnEvent(in Event);
    }

    public InstrumentState Btc => Engine.Instruments[0];

    public void Dispose() => Engine.Dispose();
}
