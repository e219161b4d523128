using Appliance.Trading.Orders;

namespace Appliance.Trading.Gateways.Venue;

// Reconciliation after every (re)connect, before any new order goes out:
// 1. open_orders: an open order we do not know is cancelled; one we know is synced (missed fills, missed
//    ack); an order we had that is no longer open is asked about by re-sending its insert — the venue
//    knows the client id and answers with the order as it is now ("duplicate"), never a second order.
//    An insert whose answer was lost is re-sent as such when it is young (it either creates the order or
//    finds it); an old one is probed with a cancel by client id first: "unknown order" means it never got
//    there (rejected locally), "not open" means it did and ended (then the re-sent insert tells how).
// 2. Once every such question is answered: positions, each reported to the strategy, which corrects its
//    own to the venue's and records the difference. Every difference is logged and kept for operators.
internal sealed partial class VenueSession
{
    private readonly List<VenueMessage> _openOrders = new();
    private readonly List<VenueMessage> _positions = new();
    private readonly HashSet<long> _seenOpen = new();
    private List<string> _current = [];
    private int _reconcileQueries;

    private void BeginReconcile()
    {
        _phase = SessionPhase.ReconcilingOrders;
        _openOrders.Clear();
        _positions.Clear();
        _current = [];
        _reconcileQueries = 0;
        _control.Enqueue((RequestKind.OpenOrders, 0));
    }

    private void ReconcileOrders()
    {
        long now = Now();
        _seenOpen.Clear();
        foreach (VenueMessage m in _openOrders)
        {
            _seenOpen.Add(m.ClientOrderId);
            if (!_mirror.TryGetValue(m.ClientOrderId, out MirrorOrder? o) || o.State == MirrorState.Done)
            {
                Difference($"open order {m.ClientOrderId} at the venue is not ours (or ended here): cancelled");
                _control.Enqueue((RequestKind.CancelUnknown, m.ClientOrderId));
                _reconcileQueries++;
                continue;
            }
            if (o.State is MirrorState.Sent or MirrorState.Queued) Difference($"insert {o.ClientOrderId} unanswered: found open at the venue");
            Sync(o, in m, reconciling: true);
            if (o.CancelWanted) _sendQueue.Enqueue(o.ClientOrderId);
            if (o.AmendWanted && (o.AmendPrice != m.Price || o.AmendAmount != m.Amount)) _sendQueue.Enqueue(o.ClientOrderId);
            else if (o.AmendWanted)
            {
                o.AmendWanted = false;
                Report(new ExecutionReport { Kind = ExecutionReportKind.Amended, ClientOrderId = o.ClientOrderId, InstrumentId = o.InstrumentId, Side = o.Side, Price = m.Price, Quantity = m.Amount });
            }
        }

        foreach (MirrorOrder o in _mirror.Values)
        {
            if (o.State == MirrorState.Done || _seenOpen.Contains(o.ClientOrderId)) continue;
            bool young = now - o.TakenAtNs <= _resendWindowNs;
            switch (o.State)
            {
                case MirrorState.Queued:
                    if (!young)
                    {
                        Difference($"order {o.ClientOrderId} waited {(now - o.TakenAtNs) / 1_000_000} ms for a session: not sent, rejected");
                        CloseLocally(o, -2);
                    }
                    break; // a young one goes out with the rest once reconciled
                case MirrorState.Live:
                    Difference($"order {o.ClientOrderId} is no longer open at the venue: asking what became of it");
                    _control.Enqueue((RequestKind.QueryInsert, o.ClientOrderId));
                    _reconcileQueries++;
                    break;
                case MirrorState.Sent:
                    if (young)
                    {
                        Difference($"insert {o.ClientOrderId} unanswered: re-sent with the same client id");
                        _control.Enqueue((RequestKind.QueryInsert, o.ClientOrderId));
                    }
                    else
                    {
                        Difference($"insert {o.ClientOrderId} unanswered and {(now - o.TakenAtNs) / 1_000_000} ms old: probing with a cancel");
                        _control.Enqueue((RequestKind.ProbeCancel, o.ClientOrderId));
                    }
                    _reconcileQueries++;
                    break;
            }
        }
        AfterReconcileStep(countDown: false);
    }

    /// <summary>A probe's cancel answered with an error: 10002 — it never arrived; 10005 — it arrived and ended.</summary>
    private void OnProbeAnswer(MirrorOrder? o, int errorCode)
    {
        if (o is not null)
        {
            if (errorCode == 10002)
            {
                Difference($"insert {o.ClientOrderId} never reached the venue: rejected");
                CloseLocally(o, -2);
            }
            else
            {
                // It exists and is not open: the re-sent insert answers with its final state (no new order).
                _control.Enqueue((RequestKind.QueryInsert, o.ClientOrderId));
                _reconcileQueries++;
            }
        }
        AfterReconcileStep();
    }

    /// <summary>One reconciliation question answered; when none is left, on to positions.</summary>
    private void AfterReconcileStep(bool countDown = true)
    {
        if (countDown && _reconcileQueries > 0) _reconcileQueries--;
        if (_phase != SessionPhase.ReconcilingOrders || _reconcileQueries > 0) return;
        _phase = SessionPhase.ReconcilingPositions;
        _control.Enqueue((RequestKind.Positions, 0));
    }

    private void ReconcilePositions()
    {
        var reported = new bool[_instruments.Count];
        foreach (VenueMessage p in _positions)
        {
            if (p.InstrumentId < 0) { Difference("the venue holds a position in an instrument we do not trade"); continue; }
            reported[p.InstrumentId] = true;
            Report(new ExecutionReport { Kind = ExecutionReportKind.VenuePosition, InstrumentId = p.InstrumentId, Quantity = p.Position, Price = (p.AverageFillPrice4 + 5_000) / 10_000 });
        }
        for (int i = 0; i < reported.Length; i++)
            if (!reported[i]) Report(new ExecutionReport { Kind = ExecutionReportKind.VenuePosition, InstrumentId = i, Quantity = 0 });

        lock (_statusLock)
        {
            _reconciliations++;
            _differences += _current.Count;
            _lastReconciliation = _current;
        }
        Report(new ExecutionReport { Kind = ExecutionReportKind.Reconciled, Quantity = _current.Count });
        Report(new ExecutionReport { Kind = ExecutionReportKind.Connection, Quantity = 1 });
        _log?.Info($"venue gateway: reconciled, {_current.Count} differences");
        _phase = SessionPhase.Ready;
        _backoffMs = _config.ReconnectInitialMs;
    }

    /// <summary>An order that cannot be settled with the venue ends here as rejected (code −2: never sent / never arrived; −3: refused on query).</summary>
    private void CloseLocally(MirrorOrder o, int code)
    {
        o.State = MirrorState.Done;
        o.DoneAtNs = Now();
        Report(new ExecutionReport { Kind = ExecutionReportKind.Rejected, ClientOrderId = o.ClientOrderId, InstrumentId = o.InstrumentId, Side = o.Side, ErrorCode = code, CumulativeFilled = o.Filled });
    }

    private void Difference(string text)
    {
        _current.Add(text);
        _log?.Warn($"venue gateway reconciliation: {text}");
    }
}
