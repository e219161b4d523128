using Appliance.MarketData.Events;
using Appliance.Trading.Decisions;
using Appliance.Trading.Engine;
using Appliance.Trading.Exits;
using Appliance.Trading.Gateways;
using Appliance.Trading.Risk;

namespace Appliance.Trading.Orders;

/// <summary>
/// The order state machine on the strategy thread: risk-checks and sends new orders, amends and cancels,
/// applies what the gateway answers, keeps the risk engine's working totals and the positions in step,
/// and writes every step to the decision log. Answers may arrive out of order: a fill before its ack
/// implies the ack; an ack after a fill or after the end changes nothing; the venue's "filled" status may
/// overtake the fills it counts, so an order closes only when its fills caught up with what the venue
/// reported. Fills are applied once each, from fill reports only (status reports never move positions).
/// </summary>
public sealed class OrderManager
{
    private readonly OrderPool _pool;
    private readonly IOrderGateway _gateway;
    private readonly RiskEngine _risk;
    private readonly InstrumentState[] _instruments;
    private readonly DecisionLog _log;
    // Client ids of the last orders that ended: their late answers (the venue's "filled" status after the
    // last fill, an ack after a fill) are expected and dropped quietly, unlike answers for ids never seen.
    private readonly long[] _recentlyClosed = new long[256];
    private int _recentlyClosedNext;

    public OrderManager(OrderPool pool, IOrderGateway gateway, RiskEngine risk, InstrumentState[] instruments, DecisionLog log)
    {
        _pool = pool;
        _gateway = gateway;
        _risk = risk;
        _instruments = instruments;
        _log = log;
    }

    public OrderPool Pool => _pool;
    public IOrderGateway Gateway => _gateway;

    /// <summary>Engine time for the orders' stamps; set per event.</summary>
    public long NowNs { get; set; }

    public long UnknownReports { get; private set; }

    /// <summary>Answers that arrived after their order ended (expected: a venue's final status after the last fill).</summary>
    public long LateReports { get; private set; }
    public long GatewayRefusals { get; private set; }
    public long Fills { get; private set; }

    /// <summary>Risk-checks a new order and sends it. Returns the risk outcome; <paramref name="localId"/> is 0 unless accepted.</summary>
    public RiskReason Submit(in OrderRequest request, out long localId, ExitReason exitReason = ExitReason.None, int quoteLevel = -1)
    {
        localId = 0;
        RiskReason reason;
        int slot = -1;
        if (_pool.InUse == _pool.Capacity)
        {
            reason = RiskReason.OrderPoolFull;
            _risk.CountRefusal(reason);
        }
        else
        {
            reason = _risk.Check(in request, NowNs);
        }
        _log.Append(DecisionKind.Risk, request.InstrumentId, request.Side, (byte)reason, (byte)request.Origin, 0, request.Price, request.Quantity);
        if (reason != RiskReason.Accepted) return reason;

        _pool.TryAllocate(out slot);
        ref Order o = ref _pool[slot];
        o.InstrumentId = request.InstrumentId;
        o.Side = request.Side;
        o.Origin = request.Origin;
        o.TimeInForce = request.TimeInForce;
        o.ExitReason = exitReason;
        o.QuoteLevel = (sbyte)quoteLevel;
        o.Price = request.Price;
        o.Quantity = request.Quantity;
        o.Working = request.Quantity;
        o.CreatedNs = NowNs;
        o.UpdatedNs = NowNs;
        localId = o.LocalId;
        _risk.AddWorking(_instruments[o.InstrumentId], o.Side, o.Working, o.IsExit, newOrder: true);

        var command = new OrderCommand
        {
            Kind = OrderCommandKind.Insert, ClientOrderId = o.ClientOrderId, InstrumentId = o.InstrumentId, Side = o.Side,
            Price = o.Price, Quantity = o.Quantity, TimeInForce = o.TimeInForce, TimeNs = NowNs,
        };
        _log.Append(DecisionKind.OrderSent, o.InstrumentId, o.Side, (byte)exitReason, (byte)o.Origin, o.LocalId, o.Price, o.Quantity);
        if (!_gateway.TrySend(in command))
        {
            GatewayRefusals++;
            _log.Append(DecisionKind.Rejected, o.InstrumentId, o.Side, 0, (byte)o.Origin, o.LocalId, o.Price, o.Quantity, extra: -1);
            Close(slot, OrderState.Rejected);
            return RiskReason.Accepted;
        }
        o.State = OrderState.Sent;
        return RiskReason.Accepted;
    }

    /// <summary>Asks to cancel an order; false when it is unknown, already ending, or the gateway is full.</summary>
    public bool Cancel(long localId)
    {
        int slot = _pool.Find(localId);
        if (slot < 0) return false;
        ref Order o = ref _pool[slot];
        if (o.CancelPending || !o.State.IsWorking()) return false;
        var command = new OrderCommand { Kind = OrderCommandKind.Cancel, ClientOrderId = o.ClientOrderId, InstrumentId = o.InstrumentId, Side = o.Side, TimeNs = NowNs };
        if (!_gateway.TrySend(in command))
        {
            GatewayRefusals++;
            return false;
        }
        o.CancelPending = true;
        _log.Append(DecisionKind.CancelSent, o.InstrumentId, o.Side, 0, (byte)o.Origin, o.LocalId, o.Price, o.Remaining);
        return true;
    }

    /// <summary>
    /// Asks to change an order's price and total quantity. Risk sees it as the new order replacing the old
    /// remainder; a larger remainder counts as working at once, a smaller one only once the venue confirms.
    /// </summary>
    public RiskReason Amend(long localId, long price, long quantity)
    {
        int slot = _pool.Find(localId);
        if (slot < 0) return RiskReason.InvalidQuantity;
        ref Order o = ref _pool[slot];
        if (o.CancelPending || o.AmendPending || !o.State.IsWorking() || quantity <= o.Filled) return RiskReason.InvalidQuantity;
        var request = new OrderRequest(o.InstrumentId, o.Side, quantity - o.Filled, price, o.Origin, o.TimeInForce)
        {
            IsAmend = true,
            ReplacesQuantity = o.Remaining,
        };
        RiskReason reason = _risk.Check(in request, NowNs);
        _log.Append(DecisionKind.Risk, o.InstrumentId, o.Side, (byte)reason, (byte)o.Origin, o.LocalId, price, quantity);
        if (reason != RiskReason.Accepted) return reason;
        var command = new OrderCommand
        {
            Kind = OrderCommandKind.Amend, ClientOrderId = o.ClientOrderId, InstrumentId = o.InstrumentId, Side = o.Side,
            Price = price, Quantity = quantity, TimeInForce = o.TimeInForce, TimeNs = NowNs,
        };
        if (!_gateway.TrySend(in command))
        {
            GatewayRefusals++;
            return RiskReason.Accepted;
        }
        o.AmendPending = true;
        o.AmendPrice = price;
        o.AmendQuantity = quantity;
        long newWorking = quantity - o.Filled;
        if (newWorking > o.Working)
        {
            _risk.AddWorking(_instruments[o.InstrumentId], o.Side, newWorking - o.Working, o.IsExit, newOrder: false);
            o.Working = newWorking;
        }
        _log.Append(DecisionKind.AmendSent, o.InstrumentId, o.Side, 0, (byte)o.Origin, o.LocalId, price, quantity);
        return RiskReason.Accepted;
    }

    /// <summary>Cancels working orders of an instrument (−1: all) that match the filter. Returns how many cancels went out.</summary>
    public int CancelWhere(int instrumentId, bool strategyOrders, bool quotes, bool exits)
    {
        int n = 0;
        ReadOnlySpan<int> live = _pool.InUseSlots; // cancels do not release slots, so this stays valid
        for (int k = 0; k < live.Length; k++)
        {
            ref Order o = ref _pool[live[k]];
            if (!o.State.IsWorking() || o.CancelPending) continue;
            if (instrumentId >= 0 && o.InstrumentId != instrumentId) continue;
            bool match = o.IsExit ? exits : o.Origin == OrderOrigin.Quote ? quotes : strategyOrders;
            if (match && Cancel(o.LocalId)) n++;
        }
        return n;
    }


    /// <summary>Applies one report about an order. Returns false for reports that are not about one order (positions, connection).</summary>
    public bool Apply(in ExecutionReport r)
    {
        if (r.Kind is ExecutionReportKind.VenuePosition or ExecutionReportKind.Reconciled or ExecutionReportKind.Connection or ExecutionReportKind.None) return false;
        int slot = _pool.FindByClientId(r.ClientOrderId);
        if (slot < 0)
        {
            if (RecentlyClosed(r.ClientOrderId))
            {
                LateReports++;
                return true;
            }
            UnknownReports++;
            _log.Append(DecisionKind.UnknownReport, r.InstrumentId, r.Side, (byte)r.Kind, extra: r.ClientOrderId);
            return true;
        }
        ref Order o = ref _pool[slot];
        o.UpdatedNs = NowNs;
        InstrumentState s = _instruments[o.InstrumentId];
        switch (r.Kind)
        {
            case ExecutionReportKind.Ack:
                if (o.State is OrderState.New or OrderState.Sent)
                {
                    o.State = OrderState.Acked;
                    _log.Append(DecisionKind.Ack, o.InstrumentId, o.Side, 0, (byte)o.Origin, o.LocalId, o.Price, o.Quantity);
                }
                break;

            case ExecutionReportKind.Fill:
            {
                long quantity = Math.Min(r.Quantity, o.Remaining);
                if (quantity <= 0) break;
                o.Filled += quantity;
                o.FillNotional += (double)quantity * r.Price;
                long fromWorking = Math.Min(quantity, o.Working);
                o.Working -= fromWorking;
                _risk.RemoveWorking(s, o.Side, fromWorking, o.IsExit, orderDone: false);
                _risk.OnFill(s, o.Side, quantity, r.Price, NowNs);
                Fills++;
                o.State = o.Remaining == 0 ? OrderState.Filled : OrderState.PartiallyFilled;
                _log.Append(DecisionKind.Fill, o.InstrumentId, o.Side, 0, (byte)o.Origin, o.LocalId, r.Price, quantity, o.Filled);
                if (o.Remaining == 0) Close(slot, OrderState.Filled);
                else if (o.VenueDone && o.Filled >= o.VenueFilled) Close(slot, o.VenueDoneState);
                break;
            }

            case ExecutionReportKind.Status:
                if (r.CumulativeFilled > o.VenueFilled) o.VenueFilled = r.CumulativeFilled;
                if (r.OrderState.IsTerminal()) VenueDone(slot, r.OrderState);
                else if (o.State is OrderState.New or OrderState.Sent) o.State = OrderState.Acked;
                break;

            case ExecutionReportKind.Cancelled:
            case ExecutionReportKind.Expired:
                if (r.CumulativeFilled > o.VenueFilled) o.VenueFilled = r.CumulativeFilled;
                VenueDone(slot, r.Kind == ExecutionReportKind.Cancelled ? OrderState.Cancelled : OrderState.Expired);
                break;

            case ExecutionReportKind.Rejected:
                _log.Append(DecisionKind.Rejected, o.InstrumentId, o.Side, 0, (byte)o.Origin, o.LocalId, o.Price, o.Remaining, r.ErrorCode);
                Close(slot, OrderState.Rejected);
                break;

            case ExecutionReportKind.Amended:
            {
                o.AmendPending = false;
                o.Price = r.Price;
                o.Quantity = Math.Max(r.Quantity, o.Filled);
                long working = o.Remaining;
                if (working < o.Working) _risk.RemoveWorking(s, o.Side, o.Working - working, o.IsExit, orderDone: false);
                else if (working > o.Working) _risk.AddWorking(s, o.Side, working - o.Working, o.IsExit, newOrder: false);
                o.Working = working;
                _log.Append(DecisionKind.Amended, o.InstrumentId, o.Side, 0, (byte)o.Origin, o.LocalId, o.Price, o.Quantity);
                break;
            }

            case ExecutionReportKind.AmendRejected:
            {
                o.AmendPending = false;
                long working = o.Remaining;
                if (o.Working > working)
                {
                    _risk.RemoveWorking(s, o.Side, o.Working - working, o.IsExit, orderDone: false);
                    o.Working = working;
                }
                _log.Append(DecisionKind.AmendRejected, o.InstrumentId, o.Side, 0, (byte)o.Origin, o.LocalId, o.Price, o.Quantity, r.ErrorCode);
                break;
            }

            case ExecutionReportKind.CancelRejected:
                o.CancelPending = false;
                _log.Append(DecisionKind.CancelRejected, o.InstrumentId, o.Side, 0, (byte)o.Origin, o.LocalId, o.Price, o.Remaining, r.ErrorCode);
                break;
        }
        return true;
    }

    /// <summary>The venue says the order is done: close it now if its fills are all here, else when they arrive.</summary>
    private void VenueDone(int slot, OrderState state)
    {
        ref Order o = ref _pool[slot];
        if (o.Filled >= o.VenueFilled)
        {
            if (state == OrderState.Filled && o.Remaining > 0) state = OrderState.Cancelled; // venue and we disagree on size: never keep it open
            if (state != OrderState.Filled)
                _log.Append(state == OrderState.Cancelled ? DecisionKind.Cancelled : DecisionKind.Expired, o.InstrumentId, o.Side, 0, (byte)o.Origin, o.LocalId, o.Price, o.Remaining, o.Filled);
            Close(slot, state);
            return;
        }
        o.VenueDone = true;
        o.VenueDoneState = state;
    }

    /// <summary>Ends an order: its remaining working quantity leaves the risk totals and the slot returns to the pool.</summary>
    private bool RecentlyClosed(long clientOrderId)
    {
        foreach (long id in _recentlyClosed) if (id == clientOrderId) return true;
        return false;
    }

    private void Close(int slot, OrderState state)
    {
        ref Order o = ref _pool[slot];
        _recentlyClosed[_recentlyClosedNext] = o.ClientOrderId;
        _recentlyClosedNext = (_recentlyClosedNext + 1) & (_recentlyClosed.Length - 1);
        _risk.RemoveWorking(_instruments[o.InstrumentId], o.Side, o.Working, o.IsExit, orderDone: true);
        o.Working = 0;
        o.State = state;
        _pool.Release(slot);
    }

    /// <summary>
    /// Reconciliation: the venue does not have this order open and it is gone from our side too — closed
    /// as cancelled (fills it may have had show up as a position difference, corrected separately).
    /// </summary>
    public bool ForceClose(long clientOrderId)
    {
        int slot = _pool.FindByClientId(clientOrderId);
        if (slot < 0) return false;
        ref Order o = ref _pool[slot];
        _log.Append(DecisionKind.Cancelled, o.InstrumentId, o.Side, 1, (byte)o.Origin, o.LocalId, o.Price, o.Remaining, o.Filled);
        Close(slot, OrderState.Cancelled);
        return true;
    }
}
