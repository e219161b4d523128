using Appliance.MarketData.Events;
using Appliance.Trading.Decisions;
using Appliance.Trading.Exits;
using Appliance.Trading.Orders;
using Appliance.Trading.Strategies;

namespace Appliance.Trading.Engine;

// Intents → orders. Every intent is recorded; risk decides in the order manager.
public sealed partial class TradingEngine
{
    private void ProcessIntents()
    {
        ReadOnlySpan<Intent> intents = _intents.Items;
        _quotes.BeginBatch();
        for (int i = 0; i < intents.Length; i++)
        {
            ref readonly Intent intent = ref intents[i];
            if ((uint)intent.InstrumentId >= (uint)_instruments.Length) continue;
            _decisions.Append(DecisionKind.Intent, intent.InstrumentId, intent.Side, (byte)intent.Level, 0, 0, intent.Price, intent.Quantity, (long)intent.Kind);
            switch (intent.Kind)
            {
                case IntentKind.TargetPosition:
                    ToTarget(_instruments[intent.InstrumentId], intent.Quantity);
                    break;
                case IntentKind.Order:
                    if (_exitLatched[intent.InstrumentId] != ExitReason.None) break;
                    var request = new OrderRequest(intent.InstrumentId, intent.Side, intent.Quantity, intent.Price, OrderOrigin.Strategy, intent.TimeInForce);
                    _orders.Submit(in request, out _);
                    break;
                case IntentKind.CancelAll:
                    _orders.CancelWhere(intent.InstrumentId, strategyOrders: true, quotes: true, exits: false);
                    _quotes.Clear(intent.InstrumentId);
                    break;
                case IntentKind.Quote:
                    if (_exitLatched[intent.InstrumentId] == ExitReason.None) _quotes.Want(in intent);
                    break;
                case IntentKind.ClearQuotes:
                    _quotes.Clear(intent.InstrumentId);
                    break;
            }
        }
        _quotes.EndBatch();
    }

    /// <summary>
    /// Trades toward a target position with one protected IOC order for the difference between the target
    /// and the position plus everything working (so a repeated intent while an order is in flight sends nothing).
    /// </summary>
    private void ToTarget(InstrumentState s, long target)
    {
        if (_exitLatched[s.Id] != ExitReason.None) return; // an exit is closing this instrument
        long effective = s.Position.Quantity + s.WorkingBuy - s.WorkingSell;
        long delta = s.Spec.RoundDownToLot(Math.Abs(target - effective));
        if (delta == 0) return;
        bool buy = target > effective;
        long price = ExitMonitor.ProtectedPrice(s, sell: !buy, _exits.Rules.Protection);
        if (price <= 0) return;
        var request = new OrderRequest(s.Id, buy ? Side.Buy : Side.Sell, delta, price, OrderOrigin.Strategy, TimeInForce.ImmediateOrCancel);
        _orders.Submit(in request, out _);
    }
}
