using System.Text.Json;
using Appliance.MarketData.Events;
using Appliance.Primitives.FixedPoint;
using Appliance.Trading.Orders;

namespace Appliance.Trading.Gateways.Venue;

// Commands from the strategy into the mirror, and requests out to the venue within the rate.
internal sealed partial class VenueSession
{
    private bool DrainCommands()
    {
        bool any = false;
        while (_commands.TryRead(out OrderCommand c))
        {
            Take(in c);
            any = true;
        }
        return any;
    }

    /// <summary>While there is no session: commands still leave the strategy's ring and wait here (their age counts).</summary>
    private void DrainCommandsOffline() => DrainCommands();

    private void Take(in OrderCommand c)
    {
        long now = Now();
        switch (c.Kind)
        {
            case OrderCommandKind.Insert:
                _mirror[c.ClientOrderId] = new MirrorOrder
                {
                    ClientOrderId = c.ClientOrderId, InstrumentId = c.InstrumentId, Side = c.Side, TimeInForce = c.TimeInForce, PostOnly = c.PostOnly,
                    Price = c.Price, Amount = c.Quantity, State = MirrorState.Queued, TakenAtNs = now,
                };
                _sendQueue.Enqueue(c.ClientOrderId);
                break;
            case OrderCommandKind.Cancel:
            {
                if (!_mirror.TryGetValue(c.ClientOrderId, out MirrorOrder? o) || o.State == MirrorState.Done)
                {
                    Report(new ExecutionReport { Kind = ExecutionReportKind.CancelRejected, ClientOrderId = c.ClientOrderId, InstrumentId = c.InstrumentId, ErrorCode = 10002 });
                    break;
                }
                if (o.State == MirrorState.Queued)
                {
                    // Never sent: nothing to cancel at the venue.
                    o.State = MirrorState.Done;
                    Report(new ExecutionReport { Kind = ExecutionReportKind.Cancelled, ClientOrderId = o.ClientOrderId, InstrumentId = o.InstrumentId, Side = o.Side });
                    break;
                }
                o.CancelWanted = true;
                _sendQueue.Enqueue(o.ClientOrderId);
                break;
            }
            case OrderCommandKind.Amend:
            {
                if (!_mirror.TryGetValue(c.ClientOrderId, out MirrorOrder? o) || o.State == MirrorState.Done)
                {
                    Report(new ExecutionReport { Kind = ExecutionReportKind.AmendRejected, ClientOrderId = c.ClientOrderId, InstrumentId = c.InstrumentId, ErrorCode = 10002 });
                    break;
                }
                if (o.State == MirrorState.Queued)
                {
                    o.Price = c.Price;
                    o.Amount = c.Quantity;
                    Report(new ExecutionReport { Kind = ExecutionReportKind.Amended, ClientOrderId = o.ClientOrderId, InstrumentId = o.InstrumentId, Side = o.Side, Price = o.Price, Quantity = o.Amount });
                    break;
                }
                o.AmendWanted = true;
                o.AmendSent = false;
                o.AmendPrice = c.Price;
                o.AmendAmount = c.Quantity;
                _sendQueue.Enqueue(o.ClientOrderId);
                break;
            }
            case OrderCommandKind.CancelAll:
                _cancelAll.Add(c.InstrumentId);
                break;
        }
    }

    /// <summary>Sends what is due, oldest first, as long as the rate allows: reconciliation requests, then the strategy's.</summary>
    private bool SendQueued()
    {
        if (_phase is SessionPhase.Disconnected or SessionPhase.LoggingIn) return false;
        long now = Now();
        if (now < _rateRetryAtNs) return false;
        bool any = false;
        while (_control.Count > 0)
        {
            if (!_rate.TryTake(now)) return any;
            (RequestKind kind, long id) = _control.Dequeue();
            if (!SendControl(kind, id)) return true;
            any = true;
        }
        if (_phase != SessionPhase.Ready) return any;
        while (_cancelAll.Count > 0)
        {
            if (!_rate.TryTake(now)) return any;
            int instrument = _cancelAll[^1];
            _cancelAll.RemoveAt(_cancelAll.Count - 1);
            if (!Send(RequestKind.CancelAll, 0, w => { if (instrument >= 0) w.WriteString("instrument_name", _instruments[instrument].VenueSymbol); }, "private/cancel_all")) return true;
            any = true;
        }
        while (_sendQueue.Count > 0)
        {
            long id = _sendQueue.Peek();
            if (!_mirror.TryGetValue(id, out MirrorOrder? o) || o.State == MirrorState.Done) { _sendQueue.Dequeue(); continue; }
            RequestKind kind;
            if (o.State == MirrorState.Queued && !o.CancelWanted) kind = RequestKind.Insert;
            else if (o.CancelWanted && !o.CancelSent && o.State != MirrorState.Queued) kind = RequestKind.Cancel;
            else if (o.AmendWanted && !o.AmendSent && o.State != MirrorState.Queued) kind = RequestKind.Amend;
            else { _sendQueue.Dequeue(); continue; }
            if (!_rate.TryTake(now)) return any;
            _sendQueue.Dequeue();
            if (!SendOrderRequest(kind, o)) return true;
            any = true;
        }
        return any;
    }

    private bool SendOrderRequest(RequestKind kind, MirrorOrder o)
    {
        switch (kind)
        {
            case RequestKind.Insert:
            case RequestKind.QueryInsert:
                o.State = o.State == MirrorState.Live ? MirrorState.Live : MirrorState.Sent;
                o.SentAtNs = Now();
                return Send(kind, o.ClientOrderId, w => WriteInsert(w, o), "private/insert");
            case RequestKind.Cancel:
            case RequestKind.ProbeCancel:
            case RequestKind.CancelUnknown:
                o.CancelSent = kind == RequestKind.Cancel || o.CancelSent;
                return Send(kind, o.ClientOrderId, w => w.WriteNumber("client_order_id", o.ClientOrderId), "private/cancel");
            case RequestKind.Amend:
                o.AmendSent = true;
                return Send(kind, o.ClientOrderId, w =>
                {
                    w.WriteNumber("client_order_id", o.ClientOrderId);
                    WriteDecimal(w, "price", o.AmendPrice, _instruments.ScalesOf(o.InstrumentId).PriceScale);
                    WriteDecimal(w, "amount", o.AmendAmount, _instruments.ScalesOf(o.InstrumentId).QuantityScale);
                }, "private/amend");
        }
        return true;
    }

    private bool SendControl(RequestKind kind, long clientOrderId)
    {
        switch (kind)
        {
            case RequestKind.OpenOrders: return Send(kind, 0, null, "private/open_orders");
            case RequestKind.Positions: return Send(kind, 0, null, "private/positions");
            case RequestKind.CancelUnknown: return Send(kind, clientOrderId, w => w.WriteNumber("client_order_id", clientOrderId), "private/cancel");
        }
        if (!_mirror.TryGetValue(clientOrderId, out MirrorOrder? o)) return true;
        return SendOrderRequest(kind, o);
    }

    private void SendLogin()
    {
        _rate.TryTake(Now()); // login counts at the venue too
        Send(RequestKind.Login, 0, w => { w.WriteString("key", _apiKey); w.WriteString("signature", ""); }, "public/login");
    }

    private void WriteInsert(Utf8JsonWriter w, MirrorOrder o)
    {
        var scales = _instruments.ScalesOf(o.InstrumentId);
        w.WriteNumber("client_order_id", o.ClientOrderId);
        w.WriteString("instrument_name", _instruments[o.InstrumentId].VenueSymbol);
        w.WriteString("direction", o.Side == Side.Buy ? "buy" : "sell");
        w.WriteString("order_type", "limit");
        WriteDecimal(w, "price", o.Price, scales.PriceScale);
        WriteDecimal(w, "amount", o.Amount, scales.QuantityScale);
        w.WriteString("time_in_force", o.TimeInForce == TimeInForce.ImmediateOrCancel ? "immediate_or_cancel" : "good_till_cancelled");
        w.WriteBoolean("post_only", o.PostOnly);
    }

    private static void WriteDecimal(Utf8JsonWriter w, string name, long units, int scale)
    {
        Span<byte> text = stackalloc byte[FixedDecimal.MaxFormattedLength];
        FixedDecimal.TryFormat(units, scale, text, out int n);
        w.WriteString(name, text[..n]);
    }

    /// <summary>Writes and sends one request; false (and the connection recycled) when the send failed.</summary>
    private bool Send(RequestKind kind, long clientOrderId, Action<Utf8JsonWriter>? parameters, string method)
    {
        long id = ++_nextRequestId;
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _json.WriteStartObject();
        _json.WriteString("jsonrpc", "2.0");
        _json.WriteNumber("id", id);
        _json.WriteString("method", method);
        _json.WriteStartObject("params");
        parameters?.Invoke(_json);
        _json.WriteEndObject();
        _json.WriteEndObject();
        _json.Flush();
        _pending[id] = new PendingRequest(kind, clientOrderId, Now());
        lock (_statusLock) _requestsSent++;
        if (_connection is null || !_connection.SendText(_buffer.WrittenSpan))
        {
            Recycle($"send of {method} failed");
            return false;
        }
        return true;
    }
}
