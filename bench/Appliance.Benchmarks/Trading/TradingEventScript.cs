using Appliance.MarketData.Books;
using Appliance.MarketData.Events;
using Appliance.MarketData.Instruments;

namespace Appliance.Benchmarks.Trading;

/// <summary>
/// A recorded synthetic session for the trading benchmarks: one instrument whose mid trends up and down in
/// regimes (so the reference strategy crosses, enters and exits), a one-level book snapshot or a trade every
/// 1–6 ms. Replayed in a loop with event times shifted forward on each lap so time never goes back.
/// </summary>
internal sealed class TradingEventScript
{
    public static readonly Instrument Btc = Instrument.Create("BTC-USDT", "BTCUSDT", 2, 5, "0.01", "0.00001");

    private readonly MarketEvent[] _events;
    private readonly long _span;
    private int _next;

    public TradingEventScript(int count, int seed = 3)
    {
        Table = new InstrumentTable([Btc]);
        Book = new OrderBook(0, 20);
        _events = new MarketEvent[count];
        var random = new Random(seed);
        double mid = 6_425_000, drift = 0;
        long time = 1_700_000_000_000_000_000;
        for (int i = 0; i < count; i++)
        {
            time += random.Next(1, 6) * 1_000_000L; // a busy instrument: a few hundred events a second
            if (random.Next(400) == 0) drift = (random.NextDouble() - 0.5) * 0.0008;
            // Pull back toward the start so a lap ends near where it began.
            mid *= 1 + drift + (random.NextDouble() - 0.5) * 0.0006 - (mid / 6_425_000 - 1) * 0.0005;
            ref MarketEvent e = ref _events[i];
            e.InstrumentId = 0;
            e.ExchangeTimeNs = time;
            if (random.Next(3) == 0)
            {
                long bid = (long)mid;
                e.Kind = MarketEventKind.DepthSnapshot;
                e.BidCount = 1;
                e.AskCount = 1;
                e.Levels[0] = new BookLevel(bid, 100_000 + random.Next(500_000));
                e.Levels[1] = new BookLevel(bid + 1, 100_000 + random.Next(500_000));
            }
            else
            {
                e.Kind = MarketEventKind.Trade;
                e.TransactionTimeNs = time;
                e.Price = (long)Math.Round(mid);
                e.Quantity = 1_000 * (1 + random.Next(50));
            }
        }
        _span = time - _events[0].ExchangeTimeNs + 100_000_000;
    }

    public InstrumentTable Table { get; }
    public OrderBook Book { get; }
    public OrderBook?[] Books => [Book];
    public int Count => _events.Length;

    /// <summary>The next event, applied to the book as the host would; wraps with times moved forward.</summary>
    public ref MarketEvent Next()
    {
        if (_next == _events.Length)
        {
            _next = 0;
            for (int i = 0; i < _events.Length; i++)
            {
                _events[i].ExchangeTimeNs += _span;
                if (_events[i].Kind == MarketEventKind.Trade) _events[i].TransactionTimeNs += _span;
            }
        }
        ref MarketEvent e = ref _events[_next++];
        if (e.Kind == MarketEventKind.DepthSnapshot) Book.Apply(in e);
        return ref e;
    }
}
