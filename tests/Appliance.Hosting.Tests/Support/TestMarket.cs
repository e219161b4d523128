using Appliance.MarketData.Events;
using Appliance.MarketData.Instruments;
using Appliance.Trading.Config;

namespace Appliance.Hosting.Tests.Support;

/// <summary>
/// A deterministic market for the trading stage: per seed, a mid price that trends up and down in regimes (so
/// the reference strategy's crossovers happen), five-level depth snapshots and trades between them, 20–120 ms
/// apart in exchange time. Writes events as a feed would put them in a ring; the strategy loop applies them.
/// </summary>
public sealed class TestMarket(int seed)
{
    private const long Tick = 1; // BTC-USDT: 0.01 at price scale 2
    private readonly Random _random = new(seed);
    private double _mid = 1_000_000; // 10 000.00
    private double _drift;
    private long _id;

    public static InstrumentTable Instruments() => new([new Instrument("BTC-USDT", "BTCUSDT", 2, 5, 1, 1)]);

    public long NowNs { get; private set; } = 1_700_000_000_000_000_000;

    /// <summary>The reference strategy on BTC-USDT with short periods, so a few thousand events trade.</summary>
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

    public static RiskConfig LooseRisk => new()
    {
        Capital = 1_000_000m, MaxOrderNotional = 100_000m, MaxOrderLots = 1_000_000, MaxPositionLots = 1_000_000,
        MaxPositionPctOfCapital = 20m, OrdersPerSecond = 50m, DailyLossLimit = 50_000m, MaxConsecutiveLosses = 0,
    };

    public void Next(ref MarketEvent ev)
    {
        NowNs += _random.Next(20, 120) * 1_000_000L;
        if (_random.Next(400) == 0) _drift = (_random.NextDouble() - 0.5) * 0.0008;
        _mid *= 1 + _drift + (_random.NextDouble() - 0.5) * 0.0006;
        ev.ResetHeader();
        ev.InstrumentId = 0;
        ev.ExchangeTimeNs = NowNs;
        if (_random.Next(3) == 0)
        {
            long bid = Math.Max(Tick, (long)Math.Floor(_mid / Tick) * Tick);
            ev.Kind = MarketEventKind.DepthSnapshot;
            ev.BidCount = 5;
            ev.AskCount = 5;
            for (int i = 0; i < 5; i++)
            {
                ev.Levels[i] = new BookLevel(bid - i * Tick, 10 * (100 + _random.Next(500)));
                ev.Levels[5 + i] = new BookLevel(bid + (i + 1) * Tick, 10 * (100 + _random.Next(500)));
            }
            ev.LastId = ++_id;
        }
        else
        {
            ev.Kind = MarketEventKind.Trade;
            ev.TransactionTimeNs = NowNs;
            ev.Price = Math.Max(Tick, (long)Math.Round(_mid / Tick) * Tick);
            ev.Quantity = 10 * (1 + _random.Next(50));
            ev.TradeId = ++_id;
            ev.Aggressor = _random.Next(2) == 0 ? Side.Buy : Side.Sell;
        }
    }
}
