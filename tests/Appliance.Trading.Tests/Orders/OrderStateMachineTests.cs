using Appliance.MarketData.Events;
using Appliance.Trading.Decisions;
using Appliance.Trading.Engine;
using Appliance.Trading.Orders;
using Appliance.Trading.Risk;
using Appliance.Trading.Tests.TestSupport;

namespace Appliance.Trading.Tests.Orders;

/// <summary>Order states through acks, fills, cancels, amends and rejects — in order and out of order.</summary>
public class OrderStateMachineTests
{
    private const long Base = 5_000_000;

    private sealed class Fixture : IDisposable
    {
        public readonly RiskFixture Risk = new(RiskFixture.Loose);
        public readonly ScriptedGateway Gateway = new();
        public readonly DecisionLog Log = new(1024);
        public readonly OrderManager Orders;

        public Fixture(int pool = 8)
        {
            Orders = new OrderManager(new OrderPool(pool, Base), Gateway, Risk.Risk, Risk.Instruments, Log) { NowNs = Risk.Now };
        }

        public InstrumentState Btc => Risk.Btc;

        public long Buy(long quantity = 100, long price = 10_000)
        {
            var r = new OrderRequest(0, Side.Buy, quantity, price);
            Assert.That(Orders.Submit(in r, out long id), Is.EqualTo(RiskReason.Accepted));
            return id;
        }

        public ref Order Get(long id) => ref Orders.Pool[Orders.Pool.Find(id)];

        public bool Alive(long id) => Orders.Pool.Find(id) >= 0;

        public void Report(ExecutionReportKind kind, long id, long price = 0, long quantity = 0, long cumulative = 0, OrderState state = OrderState.Free, int error = 0) =>
            Orders.Apply(new ExecutionReport { Kind = kind, ClientOrderId = Base + id, InstrumentId = 0, Side = Side.Buy, Price = price, Quantity = quantity, CumulativeFilled = cumulative, OrderState = state, ErrorCode = error });


        public void Dispose() => Log.Dispose();
    }

    [Test]
    public void New_sent_acked_partially_filled_filled()
    {
        using var f = new Fixture();
        long id = f.Buy(100);
        Assert.That(f.Get(id).State, Is.EqualTo(OrderState.Sent));
        Assert.That(f.Gateway.Last.Kind, Is.EqualTo(OrderCommandKind.Insert));
        Assert.That(f.Gateway.Last.ClientOrderId, Is.EqualTo(Base + id));
        Assert.That((f.Btc.WorkingBuy, f.Btc.WorkingCount, f.Risk.Risk.OpenOrders), Is.EqualTo((100L, 1, 1)));

        f.Report(ExecutionReportKind.Ack, id);
        Assert.That(f.Get(id).State, Is.EqualTo(OrderState.Acked));

        f.Report(ExecutionReportKind.Fill, id, 10_000, 30);
        Assert.That(f.Get(id).State, Is.EqualTo(OrderState.PartiallyFilled));
        Assert.That(f.Btc.Position.Quantity, Is.EqualTo(30));
        Assert.That(f.Btc.WorkingBuy, Is.EqualTo(70));

        f.Report(ExecutionReportKind.Fill, id, 9_990, 70);
        Assert.That(f.Alive(id), Is.False, "filled orders leave the pool");
        Assert.That(f.Btc.Position.Quantity, Is.EqualTo(100));
        Assert.That(f.Btc.Position.AveragePrice, Is.EqualTo(9_993));
        Assert.That((f.Btc.WorkingBuy, f.Btc.WorkingCount, f.Risk.Risk.OpenOrders), Is.EqualTo((0L, 0, 0)));
        Assert.That(f.Orders.Pool.InUse, Is.Zero);
    }

    [Test]
    public void Fill_before_ack_implies_the_ack_and_a_late_ack_changes_nothing()
    {
        using var f = new Fixture();
        long id = f.Buy(100);
        f.Report(ExecutionReportKind.Fill, id, 10_000, 40);
        Assert.That(f.Get(id).State, Is.EqualTo(OrderState.PartiallyFilled));
        f.Report(ExecutionReportKind.Ack, id);
        Assert.That(f.Get(id).State, Is.EqualTo(OrderState.PartiallyFilled), "no step back to Acked");
        f.Report(ExecutionReportKind.Fill, id, 10_000, 60);
        f.Report(ExecutionReportKind.Ack, id);
        Assert.That(f.Orders.LateReports, Is.EqualTo(1), "an ack for a finished order is noted, not applied");
        Assert.That(f.Orders.UnknownReports, Is.Zero);
        Assert.That(f.Btc.Position.Quantity, Is.EqualTo(100));
    }

    [Test]
    public void Venue_filled_status_ahead_of_the_fills_waits_for_them()
    {
        using var f = new Fixture();
        long id = f.Buy(100);
        f.Report(ExecutionReportKind.Status, id, cumulative: 100, state: OrderState.Filled);
        Assert.That(f.Alive(id), Is.True, "positions move only with fills");
        Assert.That(f.Btc.Position.Quantity, Is.Zero);
        f.Report(ExecutionReportKind.Fill, id, 10_000, 60);
        Assert.That(f.Alive(id), Is.True);
        f.Report(ExecutionReportKind.Fill, id, 10_000, 40);
        Assert.That(f.Alive(id), Is.False);
        Assert.That(f.Btc.Position.Quantity, Is.EqualTo(100));
    }

    [Test]
    public void Cancel_with_fills_in_between()
    {
        using var f = new Fixture();
        long id = f.Buy(100);
        f.Report(ExecutionReportKind.Ack, id);
        Assert.That(f.Orders.Cancel(id), Is.True);
        Assert.That(f.Orders.Cancel(id), Is.False, "one cancel in flight is enough");
        Assert.That(f.Get(id).CancelPending, Is.True);
        Assert.That(f.Gateway.Last.Kind, Is.EqualTo(OrderCommandKind.Cancel));
        // The venue filled 30 before the cancel landed, and says so in the cancel before the fill report arrives.
        f.Report(ExecutionReportKind.Cancelled, id, cumulative: 30);
        Assert.That(f.Alive(id), Is.True, "30 filled by the venue's count, none seen yet");
        f.Report(ExecutionReportKind.Fill, id, 10_000, 30);
        Assert.That(f.Alive(id), Is.False);
        Assert.That(f.Btc.Position.Quantity, Is.EqualTo(30));
        Assert.That((f.Btc.WorkingBuy, f.Risk.Risk.OpenOrders), Is.EqualTo((0L, 0)));
    }

    [Test]
    public void Cancel_rejected_clears_the_pending_flag()
    {
        using var f = new Fixture();
        long id = f.Buy(100);
        f.Orders.Cancel(id);
        f.Report(ExecutionReportKind.CancelRejected, id, error: 10005);
        Assert.That(f.Get(id).CancelPending, Is.False);
        Assert.That(f.Orders.Cancel(id), Is.True);
    }

    [Test]
    public void Reject_releases_the_working_quantity()
    {
        using var f = new Fixture();
        long id = f.Buy(100);
        f.Report(ExecutionReportKind.Rejected, id, error: 10003);
        Assert.That(f.Alive(id), Is.False);
        Assert.That((f.Btc.WorkingBuy, f.Btc.WorkingCount, f.Risk.Risk.OpenOrders), Is.EqualTo((0L, 0, 0)));
    }

    [Test]
    public void Expired_ioc_remainder_closes_after_its_fills()
    {
        using var f = new Fixture();
        long id = f.Buy(100);
        f.Report(ExecutionReportKind.Fill, id, 10_000, 20);
        f.Report(ExecutionReportKind.Expired, id, cumulative: 20);
        Assert.That(f.Alive(id), Is.False);
        Assert.That(f.Btc.Position.Quantity, Is.EqualTo(20));
        Assert.That(f.Btc.WorkingBuy, Is.Zero);
    }

    [Test]
    public void Amend_up_counts_at_once_and_amend_down_only_when_confirmed()
    {
        using var f = new Fixture();
        long id = f.Buy(100);
        f.Report(ExecutionReportKind.Ack, id);
        Assert.That(f.Orders.Amend(id, 10_010, 150), Is.EqualTo(RiskReason.Accepted));
        Assert.That(f.Btc.WorkingBuy, Is.EqualTo(150));
        Assert.That(f.Gateway.Last.Kind, Is.EqualTo(OrderCommandKind.Amend));
        Assert.That(f.Orders.Amend(id, 10_020, 160), Is.EqualTo(RiskReason.InvalidQuantity), "one amend in flight at a time");
        f.Report(ExecutionReportKind.Amended, id, 10_010, 150);
        Assert.That((f.Get(id).Price, f.Get(id).Quantity), Is.EqualTo((10_010L, 150L)));

        Assert.That(f.Orders.Amend(id, 10_010, 50), Is.EqualTo(RiskReason.Accepted));
        Assert.That(f.Btc.WorkingBuy, Is.EqualTo(150), "the larger size can still fill until the venue confirms");
        f.Report(ExecutionReportKind.Amended, id, 10_010, 50);
        Assert.That(f.Btc.WorkingBuy, Is.EqualTo(50));

        Assert.That(f.Orders.Amend(id, 10_010, 120), Is.EqualTo(RiskReason.Accepted));
        f.Report(ExecutionReportKind.AmendRejected, id, error: 10005);
        Assert.That(f.Btc.WorkingBuy, Is.EqualTo(50), "a refused amend gives back what it added");
        Assert.That(f.Get(id).AmendPending, Is.False);
    }

    [Test]
    public void A_fill_larger_than_the_remainder_is_clamped()
    {
        using var f = new Fixture();
        long id = f.Buy(100);
        f.Report(ExecutionReportKind.Fill, id, 10_000, 250);
        Assert.That(f.Btc.Position.Quantity, Is.EqualTo(100));
        Assert.That(f.Alive(id), Is.False);
    }

    [Test]
    public void Pool_exhaustion_is_a_counted_refusal_and_a_stale_answer_for_a_reused_slot_is_unknown()
    {
        using var f = new Fixture(pool: 2);
        long a = f.Buy(10);
        long b = f.Buy(10);
        var r = new OrderRequest(0, Side.Buy, 10, 10_000);
        Assert.That(f.Orders.Submit(in r, out _), Is.EqualTo(RiskReason.OrderPoolFull));
        Assert.That(f.Risk.Risk.Refused(RiskReason.OrderPoolFull), Is.EqualTo(1));
        f.Report(ExecutionReportKind.Rejected, a);
        long c = f.Buy(10);
        Assert.That(c & 1, Is.EqualTo(a & 1), "the freed slot is reused...");
        Assert.That(c, Is.Not.EqualTo(a), "...under a new id");
        f.Report(ExecutionReportKind.Fill, a, 10_000, 10);
        Assert.That(f.Btc.Position.Quantity, Is.Zero, "never applied to the order now in the slot");
        Assert.That(f.Orders.LateReports, Is.EqualTo(1));
        f.Orders.Apply(new ExecutionReport { Kind = ExecutionReportKind.Fill, ClientOrderId = 999, Quantity = 10, Price = 10_000 });
        Assert.That(f.Orders.UnknownReports, Is.EqualTo(1), "an id never issued");
        _ = b;
    }

    [Test]
    public void Gateway_that_cannot_take_the_order_rejects_it_locally()
    {
        using var f = new Fixture();
        f.Gateway.Refuse = true;
        var r = new OrderRequest(0, Side.Buy, 10, 10_000);
        Assert.That(f.Orders.Submit(in r, out long id), Is.EqualTo(RiskReason.Accepted));
        Assert.That(f.Alive(id), Is.False);
        Assert.That(f.Orders.GatewayRefusals, Is.EqualTo(1));
        Assert.That(f.Btc.WorkingBuy, Is.Zero);
    }

    [Test]
    public void Every_step_is_in_the_decision_log()
    {
        using var f = new Fixture();
        long id = f.Buy(100);
        f.Report(ExecutionReportKind.Ack, id);
        f.Report(ExecutionReportKind.Fill, id, 10_000, 100);
        Assert.That(f.Log.Count, Is.EqualTo(4)); // risk, sent, ack, fill
        Assert.That(f.Log.Digest(TimeSpan.FromSeconds(1)), Has.Length.EqualTo(64));
    }
}

public class OrderPoolTests
{
    [Test]
    public void In_use_slots_track_allocations_and_releases_exactly()
    {
        var pool = new OrderPool(37, 100);
        var random = new Random(3);
        var held = new HashSet<int>();
        for (int step = 0; step < 50_000; step++)
        {
            if (held.Count < pool.Capacity && (held.Count == 0 || random.Next(2) == 0))
            {
                Assert.That(pool.TryAllocate(out int slot), Is.True);
                Assert.That(held.Add(slot), Is.True, "a free slot");
                Assert.That(pool.Find(pool[slot].LocalId), Is.EqualTo(slot));
                Assert.That(pool[slot].ClientOrderId, Is.EqualTo(100 + pool[slot].LocalId));
            }
            else
            {
                int slot = held.ElementAt(random.Next(held.Count));
                long id = pool[slot].LocalId;
                pool.Release(slot);
                held.Remove(slot);
                Assert.That(pool.Find(id), Is.EqualTo(-1), "a released id is unknown");
            }
            Assert.That(pool.InUseSlots.ToArray(), Is.EquivalentTo(held));
        }
        while (pool.TryAllocate(out _)) { }
        Assert.That(pool.InUse, Is.EqualTo(pool.Capacity));
    }
}
