using System.Runtime.InteropServices;
using Appliance.MarketData.Events;
using Appliance.Primitives.FixedPoint;
using Appliance.Trading.Exits;
using Appliance.Trading.Orders;
using Appliance.Trading.Risk;

namespace Appliance.Trading.Engine.Snapshots;

/// <summary>
/// Publishes the trading state from the strategy thread for readers on other threads, with a sequence
/// lock: the writer makes the version odd, copies plain structs into preallocated arrays, makes it even;
/// a reader copies and retries when the version was odd or moved. The writer never waits or allocates;
/// readers (admin, cold) allocate the records they return.
/// </summary>
internal sealed class SnapshotPublisher
{
    private readonly InstrumentState[] _instruments;
    private readonly PositionSlot[] _positions;
    private readonly Order[] _orders;
    private readonly long[] _refusals = new long[RiskReasons.Count];
    private readonly byte[] _haltReason = new byte[Control.ControlCommand.MaxReasonBytes];
    private RiskSlot _risk;
    private int _orderCount;
    private int _haltReasonLength;
    private long _eventIndex;
    private long _timeNs;
    private Padded _version;

    public SnapshotPublisher(InstrumentState[] instruments, int orderCapacity)
    {
        _instruments = instruments;
        _positions = new PositionSlot[instruments.Length];
        _orders = new Order[orderCapacity];
    }

    public long Version => Volatile.Read(ref _version.Value);

    /// <summary>Strategy thread: copies the current state in.</summary>
    public void Publish(long eventIndex, long timeNs, RiskEngine risk, OrderManager orders, ExitReason[] exits,
        ReadOnlySpan<byte> haltReason, in RiskSlot extra)
    {
        Interlocked.Exchange(ref _version.Value, _version.Value + 1);
        _eventIndex = eventIndex;
        _timeNs = timeNs;
        for (int i = 0; i < _instruments.Length; i++)
        {
            InstrumentState s = _instruments[i];
            _positions[i] = new PositionSlot
            {
                Quantity = s.Position.Quantity, AveragePrice = s.Position.AveragePrice, Realized = s.Position.Realized, Unrealized = s.Unrealized,
                LastTrade = s.LastTrade, Bid = s.BestBid, Ask = s.BestAsk, WorkingBuy = s.WorkingBuy, WorkingSell = s.WorkingSell,
                Health = s.Health, Exit = exits[i],
            };
        }
        int n = 0;
        OrderPool pool = orders.Pool;
        foreach (int slot in pool.InUseSlots)
        {
            if (n == _orders.Length) break;
            _orders[n++] = pool[slot];
        }
        _orderCount = n;
        for (int r = 0; r < _refusals.Length; r++) _refusals[r] = risk.Refused((RiskReason)r);
        _risk = extra;
        _risk.State = risk.State;
        _risk.Cause = risk.Cause;
        _risk.DailyPnl = risk.DailyPnl;
        _risk.Realized = risk.Realized;
        _risk.Unrealized = risk.Unrealized;
        _risk.Exposure = risk.Exposure;
        _risk.OpenOrders = risk.OpenOrders;
        _risk.ConsecutiveLosses = risk.ConsecutiveLosses;
        _risk.Accepted = risk.Accepted;
        _risk.JumpAlerts = risk.JumpAlerts;
        _risk.Fills = orders.Fills;
        _risk.UnknownReports = orders.UnknownReports;
        haltReason.CopyTo(_haltReason);
        _haltReasonLength = haltReason.Length;
        Volatile.Write(ref _version.Value, _version.Value + 1);
    }

    /// <summary>Any thread: a consistent copy, or null if every attempt raced a publish.</summary>
    public TradingSnapshot? Read(RiskLimits limits, string gateway, Func<ShadowSnapshot?> shadow, int maxAttempts = 1000)
    {
        var positions = new PositionSlot[_positions.Length];
        var orders = new Order[_orders.Length];
        var refusals = new long[_refusals.Length];
        var reason = new byte[_haltReason.Length];
        for (int attempt = 0; attempt < maxAttempts; attempt++)
        {
            long before = Volatile.Read(ref _version.Value);
            if ((before & 1) != 0)
            {
                Thread.SpinWait(20);
                continue;
            }
            Array.Copy(_positions, positions, positions.Length);
            int orderCount = _orderCount;
            Array.Copy(_orders, orders, Math.Min(orderCount, orders.Length));
            Array.Copy(_refusals, refusals, refusals.Length);
            Array.Copy(_haltReason, reason, reason.Length);
            int reasonLength = _haltReasonLength;
            RiskSlot risk = _risk;
            long eventIndex = _eventIndex, timeNs = _timeNs;
            Interlocked.MemoryBarrier();
            if (Volatile.Read(ref _version.Value) != before) continue;
            return Build(before, eventIndex, timeNs, positions, orders.AsSpan(0, Math.Min(orderCount, orders.Length)), refusals,
                reason.AsSpan(0, Math.Min(reasonLength, reason.Length)), risk, limits, gateway, shadow());
        }
        return null;
    }

    private TradingSnapshot Build(long version, long eventIndex, long timeNs, PositionSlot[] positions, ReadOnlySpan<Order> orders, long[] refusals,
        ReadOnlySpan<byte> haltReason, in RiskSlot risk, RiskLimits limits, string gateway, ShadowSnapshot? shadow)
    {
        var rows = new List<PositionRow>(positions.Length);
        for (int i = 0; i < positions.Length; i++)
        {
            InstrumentSpec spec = _instruments[i].Spec;
            ref PositionSlot p = ref positions[i];
            rows.Add(new PositionRow(spec.Symbol, Qty(p.Quantity, spec), Math.Round((decimal)p.AveragePrice / (decimal)spec.PriceDivisor, spec.PriceScale + 4), p.Realized, p.Unrealized,
                Px(p.LastTrade, spec), Px(p.Bid, spec), Px(p.Ask, spec), Qty(p.WorkingBuy, spec), Qty(p.WorkingSell, spec),
                p.Health.ToString(), p.Exit == ExitReason.None ? null : p.Exit.ToString()));
        }
        var orderRows = new List<OrderRow>(orders.Length);
        foreach (ref readonly Order o in orders)
        {
            InstrumentSpec spec = _instruments[o.InstrumentId].Spec;
            orderRows.Add(new OrderRow(o.ClientOrderId, o.LocalId, spec.Symbol, o.Side == Side.Buy ? "buy" : "sell", o.State.ToString(), o.Origin.ToString(),
                o.TimeInForce.ToString(), Px(o.Price, spec), Qty(o.Quantity, spec), Qty(o.Filled, spec), o.CreatedNs, o.CancelPending, o.AmendPending));
        }
        var refusalMap = new Dictionary<string, long>();
        for (int r = 1; r < refusals.Length; r++) if (refusals[r] != 0) refusalMap[((RiskReason)r).ToString()] = refusals[r];
        var riskRow = new RiskSnapshot(risk.State.ToString().ToUpperInvariant(), risk.Cause.ToString(),
            haltReason.IsEmpty ? null : System.Text.Encoding.UTF8.GetString(haltReason),
            risk.DailyPnl, risk.Realized, risk.Unrealized, risk.Exposure, limits.MaxExposureMoney, limits.DailyLossLimit, risk.OpenOrders,
            risk.ConsecutiveLosses, risk.Accepted, refusalMap, risk.JumpAlerts, risk.Fills, risk.UnknownReports, risk.Decisions, risk.DecisionsDropped,
            gateway, shadow);
        return new TradingSnapshot(version, eventIndex, timeNs, riskRow, rows, orderRows);
    }

    private static decimal Px(long units, InstrumentSpec spec) => units / (decimal)FixedDecimal.Pow10(spec.PriceScale);
    private static decimal Qty(long units, InstrumentSpec spec) => units / (decimal)FixedDecimal.Pow10(spec.QuantityScale);

    internal struct PositionSlot
    {
        public long Quantity;
        public double AveragePrice;
        public double Realized;
        public double Unrealized;
        public long LastTrade;
        public long Bid;
        public long Ask;
        public long WorkingBuy;
        public long WorkingSell;
        public FeedHealth Health;
        public ExitReason Exit;
    }

    internal struct RiskSlot
    {
        public TradingState State;
        public StateCause Cause;
        public double DailyPnl;
        public double Realized;
        public double Unrealized;
        public double Exposure;
        public int OpenOrders;
        public int ConsecutiveLosses;
        public long Accepted;
        public long JumpAlerts;
        public long Fills;
        public long UnknownReports;
        public long Decisions;
        public long DecisionsDropped;
    }

    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct Padded
    {
        [FieldOffset(128)] public long Value;
    }
}
