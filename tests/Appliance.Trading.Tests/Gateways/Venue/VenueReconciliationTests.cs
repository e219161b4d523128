using System.Text.Json;
using Appliance.MarketData.Events;
using Appliance.Trading.Gateways.Venue;
using Appliance.Trading.Orders;
using Appliance.Trading.Tests.TestSupport;

namespace Appliance.Trading.Tests.Gateways.Venue;

/// <summary>
/// The connection dies in the middle of an order; after the reconnect, reconciliation finds out what the
/// venue did — and no order is ever placed twice.
/// </summary>
public class VenueReconciliationTests
{
    private static async Task DropNextInsert(VenueGatewayFixture f, bool processed) =>
        await f.Venue.Control.FaultAsync($$"""{"kind":"drop_on_request","tag":"gw","method":"private/insert","process":{{(processed ? "true" : "false")}}}""");

    [TestCase(true)]
    [TestCase(false)]
    public async Task Resting_order_whose_answer_was_lost_exists_exactly_once_after_reconciliation(bool processedBeforeTheDrop)
    {
        await using VenueGatewayFixture f = await VenueGatewayFixture.StartAsync();
        await DropNextInsert(f, processedBeforeTheDrop);
        long id = f.Submit(Side.Buy, 1_000, f.Btc.BestBid - 500 * f.Btc.Spec.TickSize, TimeInForce.GoodTillCancelled);
        f.Pump(() => f.Gateway.Status.Disconnects == 1 && f.Gateway.IsReady, "the drop, the reconnect and reconciliation");
        f.Pump(() => f.Get(id).State == OrderState.Acked, "the order acked");
        using VenueProbe probe = f.Probe();
        JsonElement[] open = probe.OpenOrders();
        Assert.That(open.Select(o => o.GetProperty("client_order_id").GetInt64()), Is.EqualTo(new[] { VenueGatewayFixture.IdBase + id }), "one order, never two");
        VenueGatewayStatus status = f.Gateway.Status;
        Assert.That(status.Connects, Is.EqualTo(2));
        Assert.That(status.LastReconciliation, Has.Some.Contains($"insert {VenueGatewayFixture.IdBase + id} unanswered"), string.Join("; ", status.LastReconciliation));
        Assert.That(f.Other.Count(r => r.Kind == ExecutionReportKind.Reconciled), Is.EqualTo(2));
    }

    [Test]
    public async Task Ioc_filled_just_before_the_drop_is_learned_from_the_venue_and_the_position_matches()
    {
        await using VenueGatewayFixture f = await VenueGatewayFixture.StartAsync();
        await DropNextInsert(f, processed: true);
        long id = f.Submit(Side.Buy, 2_000, f.Btc.BestAsk + 200 * f.Btc.Spec.TickSize, TimeInForce.ImmediateOrCancel);
        f.Pump(() => !f.Alive(id), "the order settled by reconciliation");
        using VenueProbe probe = f.Probe();
        Assert.That(probe.Position("BTCUSDT"), Is.EqualTo(0.02m), "filled once at the venue");
        Assert.That(f.Btc.Position.Quantity, Is.EqualTo(2_000), "and once here");
        Assert.That(probe.OpenOrders(), Is.Empty);
        Assert.That(f.Gateway.Status.ResentInserts, Is.EqualTo(1), "the re-sent insert was answered as a duplicate");
    }

    [Test]
    public async Task Unknown_open_orders_are_cancelled_and_positions_corrected_on_connect()
    {
        await using VenueGatewayFixture f = await VenueGatewayFixture.StartAsync(start: false);
        using (VenueProbe stranger = f.Probe())
        {
            // Left over from an earlier run of the same account: one resting order, one position.
            long bid = f.Btc.BestBid - 300 * f.Btc.Spec.TickSize;
            stranger.Call("private/insert", $$"""{"client_order_id":42,"instrument_name":"BTCUSDT","direction":"buy","price":"{{bid / 100m:F2}}","amount":"0.01000"}""");
            stranger.Call("private/insert", $$"""{"client_order_id":43,"instrument_name":"BTCUSDT","direction":"buy","order_type":"market","amount":"0.03000"}""");
            Assert.That(stranger.OpenOrders(), Has.Length.EqualTo(1));
        }
        f.Gateway.Start();
        f.WaitReady();
        using VenueProbe probe = f.Probe();
        Wait.Until(() => probe.OpenOrders().Length == 0, "the stranger's order cancelled");
        Assert.That(f.Btc.Position.Quantity, Is.EqualTo(3_000), "corrected to the venue's position");
        ExecutionReport position = f.Other.First(r => r.Kind == ExecutionReportKind.VenuePosition && r.InstrumentId == 0);
        Assert.That(position.Quantity, Is.EqualTo(3_000));
        Assert.That(f.Gateway.Status.LastReconciliation, Has.Some.Contains("open order 42"));
    }

    [Test]
    public async Task Orders_queued_while_disconnected_go_out_once_the_session_is_back()
    {
        await using VenueGatewayFixture f = await VenueGatewayFixture.StartAsync();
        await f.Venue.Control.FaultAsync("""{"kind":"drop","channel":"trade"}""");
        f.Pump(() => f.Gateway.Status.Disconnects == 1, "the drop");
        long id = f.Submit(Side.Sell, 1_000, f.Btc.BestAsk + 400 * f.Btc.Spec.TickSize, TimeInForce.GoodTillCancelled);
        f.Pump(() => f.Get(id).State == OrderState.Acked, "the order acked after the reconnect");
        using VenueProbe probe = f.Probe();
        Assert.That(probe.OpenOrders(), Has.Length.EqualTo(1));
        Assert.That(f.Other.Where(r => r.Kind == ExecutionReportKind.Connection).Select(r => r.Quantity), Is.EqualTo(new[] { 1L, 0L, 1L }));
    }
}
