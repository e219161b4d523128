using Appliance.MarketData.Events;
using Appliance.MarketData.Instruments;
using Appliance.Trading.Config;
using Appliance.Trading.Engine;
using Appliance.Trading.Orders;
using Appliance.Trading.Risk;
using BenchmarkDotNet.Attributes;

namespace Appliance.Benchmarks.Trading;

/// <summary>
/// One pre-trade check of an order that passes every limit (the longest path: validity, state, gates,
/// price band, order quantity and notional, open orders, position lots and share, exposure, token bucket),
/// and one refused early. Goal: ≤ 50 ns, 0 B. Baseline: the same limits written the obvious way, in
/// decimal over a list of positions with LINQ, as a first version usually is.
/// </summary>
[MemoryDiagnoser]
public class RiskCheckBenchmarks
{
    private RiskEngine _risk = null!;
    private OrderRequest _pass;
    private OrderRequest _refused;
    private NaiveRisk _naive = null!;
    private long _now = 1_700_000_000_000_000_000;

    [GlobalSetup]
    public void Setup()
    {
        var table = new InstrumentTable([
            Instrument.Create("BTC-USDT", "BTCUSDT", 2, 5, "0.01", "0.00001"),
            Instrument.Create("ETH-USDT", "ETHUSDT", 2, 4, "0.01", "0.0001"),
            Instrument.Create("SOL-USDT", "SOLUSDT", 3, 3, "0.010", "0.001")]);
        var states = new InstrumentState[table.Count];
        for (int i = 0; i < states.Length; i++) states[i] = new InstrumentState(new InstrumentSpec(i, table[i])) { Traded = true };
        var config = new RiskConfig { Capital = 1_000_000m, OrdersPerSecond = 1_000_000m, OrderBurst = 1_000, MaxOrderLots = 100_000_000, MaxPositionLots = 100_000_000 };
        _risk = new RiskEngine(new RiskLimits(config), states);
        long[] prices = [6_425_000, 315_000, 145_120];
        for (int i = 0; i < states.Length; i++)
        {
            _risk.SetWarm(i, true);
            states[i].LastTrade = prices[i];
            states[i].BestBid = prices[i] - states[i].Spec.TickSize;
            states[i].BestAsk = prices[i] + states[i].Spec.TickSize;
            _risk.OnMark(states[i], _now);
        }
        _risk.OnFill(states[1], Side.Buy, 10_000, 315_000, _now); // 1 ETH held
        _risk.AddWorking(states[2], Side.Sell, 5_000, exit: false, newOrder: true);
        _pass = new OrderRequest(0, Side.Buy, 1_000, 6_425_100);          // 0.01 BTC near the touch
        _refused = new OrderRequest(0, Side.Buy, 1_000, 7_000_000);       // outside the price band
        _naive = new NaiveRisk(config, table, prices);
    }

    [Benchmark(Baseline = true)]
    public bool Naive_Decimal_Linq() => _naive.Check("BTC-USDT", buy: true, 0.01m, 64251.00m);

    [Benchmark]
    public RiskReason Check_Accepted() => _risk.Check(in _pass, _now += 1_000_000);

    [Benchmark]
    public RiskReason Check_RefusedPriceBand() => _risk.Check(in _refused, _now);

    /// <summary>The limits as a first version would write them: readable, decimal, LINQ. Same checks, same answers.</summary>
    private sealed class NaiveRisk
    {
        private readonly RiskConfig _c;
        private readonly List<(string Symbol, decimal Quantity, decimal Mark, decimal Working)> _positions = new();
        private readonly Dictionary<string, (decimal Lot, decimal Last)> _instruments = new();
        private readonly Queue<DateTime> _sent = new();

        public NaiveRisk(RiskConfig c, InstrumentTable table, long[] prices)
        {
            _c = c;
            for (int i = 0; i < table.Count; i++)
            {
                decimal last = prices[i] / (decimal)Math.Pow(10, table[i].PriceScale);
                _instruments[table[i].Symbol] = (table[i].LotSizeUnits / (decimal)Math.Pow(10, table[i].QuantityScale), last);
                _positions.Add((table[i].Symbol, i == 1 ? 1m : 0m, last, i == 2 ? 5m : 0m));
            }
        }

        public bool Check(string symbol, bool buy, decimal quantity, decimal price)
        {
            var (lot, last) = _instruments[symbol];
            if (quantity <= 0 || quantity % lot != 0) return false;
            if (Math.Abs(price - last) / last * 100m > _c.PriceBandPct) return false;
            if (quantity / lot > _c.MaxOrderLots || quantity * price > _c.MaxOrderNotional) return false;
            if (_positions.Count(p => p.Working != 0) >= _c.MaxOpenOrders) return false;
            var mine = _positions.First(p => p.Symbol == symbol);
            decimal projected = Math.Abs(mine.Quantity + (buy ? quantity : -quantity));
            if (projected / lot > _c.MaxPositionLots || projected * price > _c.Capital * _c.MaxPositionPctOfCapital / 100m) return false;
            decimal exposure = _positions.Where(p => p.Symbol != symbol).Sum(p => Math.Abs(p.Quantity) * p.Mark) + projected * price;
            if (exposure > _c.Capital * _c.MaxTotalExposurePct / 100m) return false;
            DateTime now = DateTime.UtcNow;
            while (_sent.Count > 0 && now - _sent.Peek() > TimeSpan.FromSeconds(1)) _sent.Dequeue();
            if (_sent.Count >= _c.OrderBurst) _sent.Dequeue();
            _sent.Enqueue(now);
            return true;
        }
    }
}
