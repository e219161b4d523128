using Appliance.Trading.Orders;

namespace Appliance.Trading.Gateways.Venue;

// What the venue said: notifications become reports to the strategy; answers settle requests.
internal sealed partial class VenueSession
{
    private bool DrainInbound()
    {
        bool any = false;
        while (_inbound.TryRead(out VenueMessage m))
        {
            any = true;
            Handle(in m);
            if (_phase == SessionPhase.Disconnected) break;
        }
        return any;
    }

    private void Handle(in VenueMessage m)
    {
        switch (m.Kind)
        {
            case VenueMessageKind.Disconnected:
                OnDisconnected();
                return;
            case VenueMessageKind.Unreadable:
                SetError("unreadable message from the venue (ignored)");
                return;
            case VenueMessageKind.OrderUpdate:
                OnOrderUpdate(in m);
                return;
            case VenueMessageKind.Trade:
                OnTrade(in m);
                return;
        }

        if (!_pending.TryGetValue(m.RequestId, out PendingRequest request))
        {
            if (m.Kind == VenueMessageKind.Error) SetError($"venue error {m.ErrorCode} for unknown request {m.RequestId}");
            return;
        }
        bool last = m.Kind is not (VenueMessageKind.OpenOrder or VenueMessageKind.PositionItem);
        if (last) _pending.Remove(m.RequestId);
        if (m.Kind == VenueMessageKind.Error) OnError(request, in m);
        else OnAnswer(request, in m);
    }

    private void OnOrderUpdate(in VenueMessage m)
    {
        if (!_mirror.TryGetValue(m.ClientOrderId, out MirrorOrder? o)) return; // not ours (reconciliation deals with strangers)
        if (o.State is MirrorState.Sent or MirrorState.Queued)
        {
            o.State = MirrorState.Live;
            Report(new ExecutionReport { Kind = ExecutionReportKind.Ack, ClientOrderId = o.ClientOrderId, InstrumentId = o.InstrumentId, Side = o.Side, Price = m.Price, Quantity = m.Amount, TimeNs = m.TimeNs });
        }
        if (m.Amended)
        {
            o.Price = m.Price;
            o.Amount = m.Amount;
            o.AmendWanted = false;
            o.AmendSent = false;
            Report(new ExecutionReport { Kind = ExecutionReportKind.Amended, ClientOrderId = o.ClientOrderId, InstrumentId = o.InstrumentId, Side = o.Side, Price = m.Price, Quantity = m.Amount, CumulativeFilled = m.Filled, TimeNs = m.TimeNs });
        }
        if (m.IsTerminal) Finish(o, in m);
        else if (m.Status == VenueOrderStatus.PartiallyFilled)
            Report(new ExecutionReport { Kind = ExecutionReportKind.Status, ClientOrderId = o.ClientOrderId, InstrumentId = o.InstrumentId, Side = o.Side, CumulativeFilled = m.Filled, OrderState = OrderState.PartiallyFilled, TimeNs = m.TimeNs });
    }

    private void OnTrade(in VenueMessage m)
    {
        if (!_mirror.TryGetValue(m.ClientOrderId, out MirrorOrder? o)) return;
        o.Filled += m.Amount;
        o.FillNotional += (decimal)m.Amount * m.Price;
        Report(new ExecutionReport { Kind = ExecutionReportKind.Fill, ClientOrderId = o.ClientOrderId, InstrumentId = o.InstrumentId, Side = o.Side, Price = m.Price, Quantity = m.Amount, TradeId = m.TradeId, TimeNs = m.TimeNs });
    }

    /// <summary>The venue says the order ended: tell the strategy (with the venue's filled total, so it waits for late fills).</summary>
    private void Finish(MirrorOrder o, in VenueMessage m)
    {
        if (o.State == MirrorState.Done) return;
        o.State = MirrorState.Done;
        ExecutionReportKind kind = m.Status switch
        {
            VenueOrderStatus.Cancelled => ExecutionReportKind.Cancelled,
            VenueOrderStatus.Expired => ExecutionReportKind.Expired,
            VenueOrderStatus.Rejected => ExecutionReportKind.Rejected,
            _ => ExecutionReportKind.Status,
        };
        Report(new ExecutionReport
        {
            Kind = kind, ClientOrderId = o.ClientOrderId, InstrumentId = o.InstrumentId, Side = o.Side, CumulativeFilled = m.Filled,
            OrderState = m.TerminalState, TimeNs = m.TimeNs,
        });
        // Kept a while: a trade notification may still follow (the protocol sends it first, but either order must work).
        o.DoneAtNs = Now();
    }

    private void OnError(PendingRequest request, in VenueMessage m)
    {
        if (m.ErrorCode == 10029)
        {
            // Refused for the rate, nothing done: the same request goes again once the rate allows.
            lock (_statusLock) _rateLimited++;
            _rateRetryAtNs = Now() + 100_000_000;
            Retry(request);
            return;
        }
        _mirror.TryGetValue(request.ClientOrderId, out MirrorOrder? o);
        switch (request.Kind)
        {
            case RequestKind.Login:
                Recycle($"login refused ({m.ErrorCode})");
                return;
            case RequestKind.Insert:
                if (o is null) return;
                o.State = MirrorState.Done;
                o.DoneAtNs = Now();
                Report(new ExecutionReport { Kind = ExecutionReportKind.Rejected, ClientOrderId = o.ClientOrderId, InstrumentId = o.InstrumentId, Side = o.Side, ErrorCode = m.ErrorCode });
                return;
            case RequestKind.Amend:
                if (o is null) return;
                o.AmendWanted = false;
                o.AmendSent = false;
                Report(new ExecutionReport { Kind = ExecutionReportKind.AmendRejected, ClientOrderId = o.ClientOrderId, InstrumentId = o.InstrumentId, Side = o.Side, ErrorCode = m.ErrorCode });
                return;
            case RequestKind.Cancel:
                if (o is null) return;
                o.CancelWanted = false;
                o.CancelSent = false;
                Report(new ExecutionReport { Kind = ExecutionReportKind.CancelRejected, ClientOrderId = o.ClientOrderId, InstrumentId = o.InstrumentId, Side = o.Side, ErrorCode = m.ErrorCode });
                return;
            case RequestKind.ProbeCancel:
                OnProbeAnswer(o, m.ErrorCode);
                return;
            case RequestKind.QueryInsert:
                if (o is not null) Difference($"order {o.ClientOrderId}: the venue refused the query insert ({m.ErrorCode}); closed locally");
                if (o is not null) CloseLocally(o, -3);
                AfterReconcileStep();
                return;
            case RequestKind.CancelUnknown:
                AfterReconcileStep();
                return;
            default:
                Recycle($"{request.Kind} failed with {m.ErrorCode}");
                return;
        }
    }

    private void Retry(PendingRequest request)
    {
        switch (request.Kind)
        {
            case RequestKind.Insert:
                if (_mirror.TryGetValue(request.ClientOrderId, out MirrorOrder? o)) { o.State = MirrorState.Queued; _sendQueue.Enqueue(o.ClientOrderId); }
                break;
            case RequestKind.Cancel:
                if (_mirror.TryGetValue(request.ClientOrderId, out MirrorOrder? c)) { c.CancelSent = false; _sendQueue.Enqueue(c.ClientOrderId); }
                break;
            case RequestKind.Amend:
                if (_mirror.TryGetValue(request.ClientOrderId, out MirrorOrder? a)) { a.AmendSent = false; _sendQueue.Enqueue(a.ClientOrderId); }
                break;
            case RequestKind.Login:
                SendLogin();
                break;
            default:
                _control.Enqueue((request.Kind, request.ClientOrderId));
                break;
        }
    }

    private void OnAnswer(PendingRequest request, in VenueMessage m)
    {
        switch (request.Kind)
        {
            case RequestKind.Login:
                BeginReconcile();
                return;
            case RequestKind.Insert:
            case RequestKind.QueryInsert:
            case RequestKind.ProbeCancel:
                if (_mirror.TryGetValue(request.ClientOrderId, out MirrorOrder? o))
                {
                    if (m.Duplicate) lock (_statusLock) _resent++;
                    // Normally the notifications said it all already; after a lost connection the answer is the only news.
                    Sync(o, in m, reconciling: request.Kind != RequestKind.Insert || m.Duplicate);
                }
                if (request.Kind != RequestKind.Insert) AfterReconcileStep();
                return;
            case RequestKind.OpenOrders:
                if (m.Kind == VenueMessageKind.OpenOrder) _openOrders.Add(m);
                else if (m.Kind == VenueMessageKind.ListEnd) ReconcileOrders();
                return;
            case RequestKind.Positions:
                if (m.Kind == VenueMessageKind.PositionItem) _positions.Add(m);
                else if (m.Kind == VenueMessageKind.ListEnd) ReconcilePositions();
                return;
            case RequestKind.CancelUnknown:
                AfterReconcileStep();
                return;
        }
    }

    /// <summary>
    /// Brings one mirror order in line with the venue's order object: fills we did not see are reported
    /// (priced from the venue's average), an ack we did not see is reported, and an end we did not see.
    /// </summary>
    private void Sync(MirrorOrder o, in VenueMessage m, bool reconciling)
    {
        if (m.Filled > o.Filled)
        {
            long missed = m.Filled - o.Filled;
            decimal total = (decimal)m.AverageFillPrice4 * m.Filled / 10_000m;
            long price = (long)decimal.Round((total - o.FillNotional) / missed, MidpointRounding.AwayFromZero);
            if (reconciling) Difference($"order {o.ClientOrderId}: {missed} units filled while disconnected at about {price}");
            o.Filled = m.Filled;
            o.FillNotional = total;
            if (o.State is MirrorState.Sent or MirrorState.Queued)
            {
                o.State = MirrorState.Live;
                Report(new ExecutionReport { Kind = ExecutionReportKind.Ack, ClientOrderId = o.ClientOrderId, InstrumentId = o.InstrumentId, Side = o.Side, TimeNs = m.TimeNs });
            }
            Report(new ExecutionReport { Kind = ExecutionReportKind.Fill, ClientOrderId = o.ClientOrderId, InstrumentId = o.InstrumentId, Side = o.Side, Price = price, Quantity = missed, TimeNs = m.TimeNs });
        }
        if (m.IsTerminal)
        {
            if (reconciling && o.State != MirrorState.Done) Difference($"order {o.ClientOrderId}: ended {m.Status} while disconnected");
            Finish(o, in m);
            return;
        }
        if (o.State is MirrorState.Sent or MirrorState.Queued)
        {
            o.State = MirrorState.Live;
            Report(new ExecutionReport { Kind = ExecutionReportKind.Ack, ClientOrderId = o.ClientOrderId, InstrumentId = o.InstrumentId, Side = o.Side, Price = m.Price, Quantity = m.Amount, TimeNs = m.TimeNs });
        }
    }
}
