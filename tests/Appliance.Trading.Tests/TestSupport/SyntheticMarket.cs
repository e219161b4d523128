using Appliance.MarketData.Books;
using Appliance.MarketData.Events;
using Appliance.MarketData.Instruments;

namespace Appliance.Trading.Tests.TestSupport;

/// <summary>
/// A deterministic market for engine tests: per seed, a mid price that trends up and down in regimes (so
/// crossovers happen), five-level book snapshots and trades between them, 20–120 ms apart in event time.
/// Applies each event to the books as the host's strategy thread would, then hands it to the caller.
/// </summary>
internal sealed class SyntheticMarket
{
    public const long Second = 1_000_000_000;

    private readonly Random _random;
    private readonly InstrumentTable _table;
    private readonly double[] _mid;
    private readonly double[] _drift;
    private long _tradeId;

    private readonly int _minGapMs;
    private readonly int _maxGapMs;

    public SyntheticMarket(int seed, InstrumentTable table, long startNs = 1_700_000_000 * Second, int minGapMs = 20, int maxGapMs = 120)
    {
        _minGapMs = minGapMs;
        _maxGapMs = maxGapMs;
        _random = new Random(seed);
        _table = table;
        Books = new OrderBook?[table.Count];
        for (int i = 0; i < table.Count; i++) Books[i] = new OrderBook(i, 50);
        _mid = new double[table.Count];
        _drift = new double[table.Count];
        for (int i = 0; i < table.Count; i++) _mid[i] = 10_000 * table[i].TickSizeUnits;
        NowNs = startNs;
    }

    public OrderBook?[] Books { get; }
    public long NowNs { get; set; }

    /// <summary>Mid price override for crafted paths (price units).</summary>
    public void SetMid(int instrument, double mid) => _mid[instrument] = mid;

    /// <summary>Next event into <paramref name="ev"/>, already applied to the books.</summary>
    public void Next(ref MarketEvent ev, int instrument = -1)
    {
        NowNs += _random.Next(_minGapMs, _maxGapMs) * 1_000_000L;
        int id = instrument >= 0 ? instrument : _random.Next(_table.Count);
        long tick = _table[id].TickSizeUnits;
        if (_random.Next(400) == 0) _drift[id] = (_random.NextDouble() - 0.5) * 0.0008;
        _mid[id] *= 1 + _drift[id] + (_random.NextDouble() - 0.5) * 0.0006;
        if (_random.Next(3) == 0) Snapshot(ref ev, id, tick);
        else Trade(ref ev, id, tick);
    }

    public void Snapshot(ref MarketEvent ev, int id, long tick)
    {
        long bid = (long)Math.Floor(_mid[id] / tick) * tick;
        if (bid <= tick) bid = tick;
        long ask = bid + tick;
        ev.ResetHeader();
        ev.Kind = MarketEventKind.DepthSnapshot;
        ev.InstrumentId = (ushort)id;
        ev.ExchangeTimeNs = NowNs;
        ev.BidCount = 5;
        ev.AskCount = 5;
        Span<BookLevel> levels = ev.Levels;
        for (int i = 0; i < 5; i++)
        {
            levels[i] = new BookLevel(bid - i * tick, 10 * (100 + _random.Next(500)));
            levels[5 + i] = new BookLevel(ask + i * tick, 10 * (100 + _random.Next(500)));
        }
        ev.LastId = ++_tradeId;
        Books[id]!.Apply(in ev);
    }

    public void Trade(ref MarketEvent ev, int id, long tick)
    {
        long price = Math.Max(tick, (long)Math.Round(_mid[id] / tick) * tick);
        TradeAt(ref ev, id, price, 10 * (1 + _random.Next(50)));
    }

    public void TradeAt(ref MarketEvent ev, int id, long price, long quantity)
    {
        ev.ResetHeader();
        ev.Kind = MarketEventKind.Trade;
        ev.InstrumentId = (ushort)id;
        ev.ExchangeTimeNs = NowNs;
        ev.TransactionTimeNs = NowNs;
        ev.Price = price;
        ev.Quantity = quantity;
        ev.TradeId = ++_tradeId;
        ev.Aggressor = _random.Next(2) == 0 ? Side.Buy : Side.Sell;
    }

    /// <summary>A book snapshot of one level a side around <paramref name="bid"/>/<paramref name="ask"/>, applied.</summary>
    public void BookAt(ref MarketEvent ev, int id, long bid, long ask, long quantity = 100_000)
    {
        ev.ResetHeader();
        ev.Kind = MarketEventKind.DepthSnapshot;
        ev.InstrumentId = (ushort)id;
        ev.ExchangeTimeNs = NowNs;
        ev.BidCount = 1;
        ev.AskCount = 1;
        ev.Levels[0] = new BookLevel(bid, quantity);
        ev.Levels[1] = new BookLevel(ask, quantity);
        Books[id]!.Apply(in ev);
    }
}
