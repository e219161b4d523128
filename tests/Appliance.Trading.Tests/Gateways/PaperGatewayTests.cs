using Appliance.MarketData.Events;
using Appliance.Trading.Config;
using Appliance.Trading.Engine;
using Appliance.Trading.Gateways.Paper;
using Appliance.Trading.Orders;
using Appliance.Trading.Tests.TestSupport;

namespace Appliance.Trading.Tests.Gateways;

public class PaperGatewayTests
{
    private const long Ms = 1_000_000;

    private sealed class Fixture
    {
        public readonly SyntheticMarket Market = new(1, TestInstruments.Table());
        public readonly InstrumentState[] Instruments = TestInstruments.States();
        public readonly PaperGateway Gateway;
        public MarketEvent Event;
        private long _id;

        public Fixture(int latencyMicros = 500, decimal slippageBps = 0)
        {
            Gateway = new PaperGateway(new PaperGatewayConfig { LatencyMicros = latencyMicros, SlippageBps = slippageBps }, Instruments, Market.Books);
        }

        public long Send(Side side, long quantity, long price, TimeInForce tif = TimeInForce.GoodTillCancelled, OrderCommandKind kind = OrderCommandKind.Insert, long? id = null)
        {
            long clientId = id ?? ++_id;
            Assert.That(Gateway.TrySend(new OrderCommand { Kind = kind, ClientOrderId = clientId, InstrumentId = 0, Side = side, Quantity = quantity, Price = price, TimeInForce = tif, TimeNs = Market.NowNs }));
            return clientId;
        }

        public void Book(long bid, long ask, long quantity = 100, long afterMs = 1)
        {
            Market.NowNs += afterMs * Ms;
            Market.BookAt(ref Event, 0, bid, ask, quantity);
            Gateway.OnMarketEvent(in Event, Market.NowNs);
        }

        public void Trade(long price, long quantity, long afterMs = 1)
        {
            Market.NowNs += afterMs * Ms;
            Market.TradeAt(ref Event, 0, price, quantity);
            Gateway.OnMarketEvent(in Event, Market.NowNs);
        }

        public List<ExecutionReport> Reports()
        {
            var list = new List<ExecutionReport>();
            while (Gateway.TryPoll(out ExecutionReport r)) list.Add(r);
            return list;
        }
    }

    [Test]
    public void Nothing_happens_before_the_latency_has_passed_in_event_time()
    {
        var f = new Fixture(latencyMicros: 5_000);
        f.Book(9_999, 10_001, afterMs: 0);
        f.Send(Side.Buy, 10, 10_001);
        f.Book(9_999, 10_001, afterMs: 4);
        Assert.That(f.Reports(), Is.Empty);
        f.Book(9_999, 10_001, afterMs: 1);
        Assert.That(f.Reports().Select(r => r.Kind), Is.EqualTo(new[] { ExecutionReportKind.Ack, ExecutionReportKind.Fill, ExecutionReportKind.Status }));
    }

    [Test]
    public void Marketable_order_walks_the_book_with_slippage_capped_at_the_limit()
    {
        var f = new Fixture(slippageBps: 10); // 0.1 %
        // Asks: 30 at 100.00 and 30 at 100.05.
        var deep = new MarketEvent { Kind = MarketEventKind.DepthSnapshot, InstrumentId = 0, BidCount = 1, AskCount = 2 };
        deep.Levels[0] = new BookLevel(9_990, 30);
        deep.Levels[1] = new BookLevel(10_000, 30);
        deep.Levels[2] = new BookLevel(10_005, 30);
        f.Market.Books[0]!.Apply(in deep);
        f.Send(Side.Buy, 50, 10_012, TimeInForce.ImmediateOrCancel);
        f.Market.NowNs += Ms;
        f.Gateway.OnMarketEvent(in deep, f.Market.NowNs);
        List<ExecutionReport> reports = f.Reports();
        Assert.That(reports.Where(r => r.Kind == ExecutionReportKind.Fill).Select(r => (r.Price, r.Quantity)), Is.EqualTo(new[] { (10_010L, 30L), (10_012L, 20L) }),
            "100.00 + 0.1 % = 100.10; 100.05 + 0.1 % = 100.15, capped at the 100.12 limit");
        Assert.That(reports[^1].Kind, Is.EqualTo(ExecutionReportKind.Status));
    }

    [Test]
    public void Ioc_remainder_expires_and_gtc_remainder_rests()
    {
        var f = new Fixture();
        f.Book(9_990, 10_000, quantity: 30, afterMs: 0);
        f.Send(Side.Buy, 50, 10_000, TimeInForce.ImmediateOrCancel);
        f.Send(Side.Buy, 50, 10_000);
        f.Book(9_990, 10_000, quantity: 30);
        List<ExecutionReport> reports = f.Reports();
        Assert.That(reports.Count(r => r.Kind == ExecutionReportKind.Expired), Is.EqualTo(1));
        Assert.That(reports.Where(r => r.Kind == ExecutionReportKind.Fill).Sum(r => r.Quantity), Is.EqualTo(60));
        Assert.That(f.Gateway.RestingCount, Is.EqualTo(1));
    }

    [Test]
    public void Resting_order_fills_when_a_trade_prints_through_its_price_not_at_it()
    {
        var f = new Fixture();
        f.Book(9_990, 10_000, afterMs: 0);
        long id = f.Send(Side.Buy, 50, 9_980);
        f.Book(9_990, 10_000);
        f.Reports();
        f.Trade(9_980, 100);
        Assert.That(f.Reports(), Is.Empty, "a trade at our price may have been someone ahead of us in the queue");
        f.Trade(9_979, 20);
        ExecutionReport fill = f.Reports().Single();
        Assert.That((fill.Kind, fill.ClientOrderId, fill.Price, fill.Quantity), Is.EqualTo((ExecutionReportKind.Fill, id, 9_980L, 20L)));
        f.Book(9_970, 9_975); // the market moves through us: take the book
        List<ExecutionReport> rest = f.Reports();
        Assert.That(rest.Select(r => r.Kind), Is.EqualTo(new[] { ExecutionReportKind.Fill, ExecutionReportKind.Status }));
        Assert.That(rest[0].Price, Is.EqualTo(9_975));
        Assert.That(rest[0].Quantity, Is.EqualTo(30));
    }

    [Test]
    public void Cancel_amend_and_their_rejections()
    {
        var f = new Fixture();
        f.Book(9_990, 10_000, afterMs: 0);
        long id = f.Send(Side.Sell, 50, 10_050);
        f.Send(Side.Sell, 60, 10_040, kind: OrderCommandKind.Amend, id: id);
        f.Send(Side.Sell, 0, 0, kind: OrderCommandKind.Cancel, id: id);
        f.Send(Side.Sell, 0, 0, kind: OrderCommandKind.Cancel, id: id);
        f.Book(9_990, 10_000);
        Assert.That(f.Reports().Select(r => r.Kind), Is.EqualTo(new[]
        {
            ExecutionReportKind.Ack, ExecutionReportKind.Amended, ExecutionReportKind.Cancelled, ExecutionReportKind.CancelRejected,
        }));
    }
}
