using Appliance.MarketData.Events;
using Appliance.Trading.Orders;

namespace Appliance.Trading.Strategies;

/// <summary>What a strategy wants; risk decides what becomes an order.</summary>
public struct Intent
{
    public IntentKind Kind;
    public Side Side;
    public TimeInForce TimeInForce;
    /// <summary>Quotes: level from the touch (0 = best).</summary>
    public byte Level;
    public int InstrumentId;
    /// <summary>Order and quote quantity (units); for TargetPosition the signed target.</summary>
    public long Quantity;
    /// <summary>Limit price (units); 0 for TargetPosition (the engine prices it).</summary>
    public long Price;

    public readonly bool SameDecision(in Intent other) =>
        Kind == other.Kind && Side == other.Side && InstrumentId == other.InstrumentId && Quantity == other.Quantity &&
        Price == other.Price && Level == other.Level && TimeInForce == other.TimeInForce;

    public override readonly string ToString() => Kind switch
    {
        IntentKind.TargetPosition => $"target {Quantity} in #{InstrumentId}",
        IntentKind.Order => $"{Side} {Quantity}@{Price} {TimeInForce} in #{InstrumentId}",
        IntentKind.Quote => $"quote {Side} L{Level} {Quantity}@{Price} in #{InstrumentId}",
        _ => $"{Kind} in #{InstrumentId}",
    };
}
