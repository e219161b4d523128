using System.Text.Json;
using Appliance.MarketData.Events;
using Appliance.Trading.Gateways.Venue;
using Appliance.Trading.Orders;
using Appliance.Trading.Tests.TestSupport;

namespace Appliance.Trading.Tests.Gateways.Venue;

/// <summary>The venue gateway against the simulator's matching engine: fills, rejects, cancels, rate limits.</summary>
public class VenueGatewayTests
{
    [Test]
    public async Task Marketable_ioc_fills_against_the_venue_book_and_the_position_matches_the_venues()
    {
        await using VenueGatewayFixture f = await VenueGatewayFixture.StartAsync();
        long price = f.Btc.BestAsk + 100 * f.Btc.Spec.TickSize;
        long id = f.Submit(Side.Buy, 1_000, price, TimeInForce.ImmediateOrCancel); // 0.01000 BTC
        f.Pump(() => !f.Alive(id), "the order to finish");
        Assert.That(f.Btc.Position.Quantity, Is.EqualTo(1_000));
        Assert.That(f.Btc.Position.AveragePrice, Is.InRange((double)f.Btc.BestAsk, (double)price));
        Assert.That(f.All.Select(r => r.Kind), Does.Contain(ExecutionReportKind.Ack).And.Contain(ExecutionReportKind.Fill));
        using VenueProbe probe = f.Probe();
        Assert.That(probe.Position("BTCUSDT"), Is.EqualTo(0.01m));
        Assert.That(f.Gateway.Status.RateLimitedByVenue, Is.Zero);
    }

    [Test]
    public async Task Resting_order_is_acked_then_cancelled()
    {
        await using VenueGatewayFixture f = await VenueGatewayFixture.StartAsync();
        long id = f.Submit(Side.Buy, 1_000, f.Btc.BestBid - 1_000 * f.Btc.Spec.TickSize, TimeInForce.GoodTillCancelled);
        f.Pump(() => f.Get(id).State == OrderState.Acked, "the ack");
        using VenueProbe probe = f.Probe();
        Assert.That(probe.OpenOrders().Single().GetProperty("client_order_id").GetInt64(), Is.EqualTo(VenueGatewayFixture.IdBase + id));
        Assert.That(f.Orders.Cancel(id), Is.True);
        f.Pump(() => !f.Alive(id), "the cancel");
        Assert.That(probe.OpenOrders(), Is.Empty);
        Assert.That((f.Btc.WorkingBuy, f.Risk.OpenOrders), Is.EqualTo((0L, 0)));
    }

    [Test]
    public async Task Venue_rejections_come_back_with_their_codes_and_are_not_retried()
    {
        await using VenueGatewayFixture f = await VenueGatewayFixture.StartAsync();
        const long offTick = 7_000_100, postOnly = 7_000_101;
        Assert.That(f.Gateway.TrySend(new OrderCommand { Kind = OrderCommandKind.Insert, ClientOrderId = offTick, InstrumentId = 2, Side = Side.Buy, Price = f.Instruments[2].BestBid + 1, Quantity = 1_000 }));
        Assert.That(f.Gateway.TrySend(new OrderCommand { Kind = OrderCommandKind.Insert, ClientOrderId = postOnly, InstrumentId = 0, Side = Side.Buy, Price = f.Btc.BestAsk, Quantity = 1_000, PostOnly = true }));
        f.Pump(() => f.Other.Count(r => r.Kind == ExecutionReportKind.Rejected) + f.Orders.UnknownReports >= 2, "two rejections");
        long sent = f.Gateway.Status.RequestsSent;
        Assert.That(f.All.Where(r => r.Kind == ExecutionReportKind.Rejected).Select(r => (r.ClientOrderId, r.ErrorCode)),
            Is.EquivalentTo(new[] { (offTick, 10003), (postOnly, 10004) }));
        using VenueProbe probe = f.Probe();
        Assert.That(probe.OpenOrders(), Is.Empty);
        Assert.That(f.Gateway.Status.RequestsSent, Is.EqualTo(sent), "nothing re-sent");
    }

    [Test]
    public async Task Our_request_rate_keeps_under_the_venues_limit()
    {
        await using VenueGatewayFixture f = await VenueGatewayFixture.StartAsync(v => v.OrderRate = 20, g => g with { RequestsPerSecond = 20m, RequestBurst = 10 });
        var ids = new List<long>();
        for (int i = 0; i < 25; i++) ids.Add(f.Submit(Side.Buy, 1_000, f.Btc.BestBid - (100 + i) * f.Btc.Spec.TickSize, TimeInForce.GoodTillCancelled));
        f.Pump(() => ids.All(id => f.Get(id).State == OrderState.Acked), "25 acks");
        Assert.That(f.Gateway.Status.RateLimitedByVenue, Is.Zero);
        using VenueProbe probe = f.Probe();
        Assert.That(probe.OpenOrders(), Has.Length.EqualTo(25));
    }

    [Test]
    public async Task Venue_rate_limit_refusals_are_retried_without_doubling_orders()
    {
        // Misconfigured on purpose: we think the venue takes 1000/s, it takes 10.
        await using VenueGatewayFixture f = await VenueGatewayFixture.StartAsync(v => v.OrderRate = 10);
        var ids = new List<long>();
        for (int i = 0; i < 20; i++) ids.Add(f.Submit(Side.Sell, 1_000, f.Btc.BestAsk + (100 + i) * f.Btc.Spec.TickSize, TimeInForce.GoodTillCancelled));
        f.Pump(() => ids.All(id => f.Get(id).State == OrderState.Acked), "20 acks", TimeSpan.FromSeconds(20));
        Assert.That(f.Gateway.Status.RateLimitedByVenue, Is.GreaterThan(0), "the venue did refuse some");
        using VenueProbe probe = f.Probe();
        JsonElement[] open = probe.OpenOrders();
        Assert.That(open.Select(o => o.GetProperty("client_order_id").GetInt64()).Distinct().Count(), Is.EqualTo(20));
        Assert.That(open, Has.Length.EqualTo(20));
    }
}
