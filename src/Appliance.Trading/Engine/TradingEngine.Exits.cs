using Appliance.Trading.Decisions;
using Appliance.Trading.Exits;
using Appliance.Trading.Orders;
using Appliance.Trading.Risk;

namespace Appliance.Trading.Engine;

// Exits: evaluated every event for every traded instrument with a position. Once an exit fires it stays
// latched until the position is flat: a take-profit hit at the level keeps closing even if the price falls
// back, and an IOC that expired unfilled is sent again on the next event.
public sealed partial class TradingEngine
{
    private void CheckExits()
    {
        for (int i = 0; i < _instruments.Length; i++)
        {
            InstrumentState s = _instruments[i];
            if (s.Position.IsFlat)
            {
                if (_exitLatched[i] != ExitReason.None) ClearExit(s);
                continue;
            }
            ExitReason reason = _exitLatched[i];
            if (reason == ExitReason.None)
            {
                if (!s.Traded) continue;
                reason = _exits.Evaluate(s, _now, _phase);
                if (reason == ExitReason.None && _risk.FeedGateWantsFlat(s)) reason = ExitReason.FeedGate;
                if (reason == ExitReason.None) continue;
                TriggerExit(s, reason);
            }
            SendExit(s, reason);
        }
    }

    private void TriggerExit(InstrumentState s, ExitReason reason)
    {
        _exitLatched[s.Id] = reason;
        _exitsThisEvent[s.Id] = reason;
        _dirty = true;
        _decisions.Append(DecisionKind.ExitTriggered, s.Id, s.Position.Quantity > 0 ? MarketData.Events.Side.Sell : MarketData.Events.Side.Buy,
            (byte)reason, price: _exits.PriceFor(s), quantity: s.Position.Quantity);
        // The strategy's resting orders in this instrument would fight the exit.
        _orders.CancelWhere(s.Id, strategyOrders: true, quotes: true, exits: false);
        _quotes.Clear(s.Id);
    }

    private void ClearExit(InstrumentState s)
    {
        _exitLatched[s.Id] = ExitReason.None;
        _dirty = true;
        // Exits still working for a position that is gone would open a new one.
        _orders.CancelWhere(s.Id, strategyOrders: false, quotes: false, exits: true);
    }

    private void SendExit(InstrumentState s, ExitReason reason)
    {
        long held = Math.Abs(s.Position.Quantity);
        long quantity = held - s.WorkingExit;
        if (quantity <= 0) return;
        bool sell = s.Position.Quantity > 0;
        long price = reason == ExitReason.Flatten
            ? ExitMonitor.ProtectedPrice(s, sell, _flattenProtection)
            : _exits.ExitLimitPrice(s, sell, emergency: reason is ExitReason.Emergency or ExitReason.FeedGate);
        if (price <= 0) return; // no price at all yet: nothing to protect the order with
        var request = new OrderRequest(s.Id, sell ? MarketData.Events.Side.Sell : MarketData.Events.Side.Buy, quantity, price,
            reason == ExitReason.Flatten ? OrderOrigin.Flatten : OrderOrigin.Exit, TimeInForce.ImmediateOrCancel);
        _orders.Submit(in request, out _, reason);
    }

    /// <summary>Every position closes with the flatten protection; the state goes HALTED first.</summary>
    private void FlattenAll()
    {
        _risk.Halt(StateCause.Operator, _now);
        HandleTransitions();
        for (int i = 0; i < _instruments.Length; i++)
        {
            InstrumentState s = _instruments[i];
            if (s.Position.IsFlat) continue;
            if (_exitLatched[i] == ExitReason.None || _exitLatched[i] != ExitReason.Flatten)
            {
                // Replace a weaker exit's working order price by the flatten's: cancel working exits and resend.
                if (_exitLatched[i] != ExitReason.None) _orders.CancelWhere(i, strategyOrders: false, quotes: false, exits: true);
                TriggerExit(s, ExitReason.Flatten);
            }
            SendExit(s, ExitReason.Flatten);
        }
    }
}
