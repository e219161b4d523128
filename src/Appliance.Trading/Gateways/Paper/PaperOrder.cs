using Appliance.MarketData.Events;
using Appliance.Trading.Orders;

namespace Appliance.Trading.Gateways.Paper;

/// <summary>An order resting in the paper gateway's simulated venue.</summary>
internal struct PaperOrder
{
    public long ClientOrderId;
    public int InstrumentId;
    public Side Side;
    public TimeInForce TimeInForce;
    public long Price;
    public long Quantity;
    public long Filled;

    public readonly long Remaining => Quantity - Filled;
}
