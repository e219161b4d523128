using Appliance.MarketData.Events;

namespace Appliance.Trading.Orders;

/// <summary>
/// An order as the risk engine sees it before it exists: every order is a limit (exits are IOC limits with
/// price protection), so every order has a price to check. For an amend, <see cref="ReplacesQuantity"/> is
/// the remaining quantity of the order it changes: that much leaves the working totals.
/// </summary>
public struct OrderRequest
{
    public int InstrumentId;
    public Side Side;
    public OrderOrigin Origin;
    public TimeInForce TimeInForce;
    /// <summary>Quantity units, a whole number of lots.</summary>
    public long Quantity;
    /// <summary>Limit price units, on the tick.</summary>
    public long Price;
    /// <summary>Amends only: the remaining quantity of the order being changed (0 for a new order).</summary>
    public long ReplacesQuantity;
    public bool IsAmend;

    public OrderRequest(int instrumentId, Side side, long quantity, long price, OrderOrigin origin = OrderOrigin.Strategy,
        TimeInForce timeInForce = TimeInForce.GoodTillCancelled)
    {
        InstrumentId = instrumentId;
        Side = side;
        Quantity = quantity;
        Price = price;
        Origin = origin;
        TimeInForce = timeInForce;
        ReplacesQuantity = 0;
        IsAmend = false;
    }

    public readonly bool IsExit => Origin is OrderOrigin.Exit or OrderOrigin.Flatten;
}
