using Appliance.MarketData.Events;
using Appliance.Trading.Exits;

namespace Appliance.Trading.Orders;

/// <summary>
/// One order in the preallocated pool. Quantities are units; <see cref="Working"/> is what the risk engine
/// counts for this order (its remaining quantity, or the larger of old and new while an amend is in flight).
/// Mutable struct living in the pool's array: always use it by ref.
/// </summary>
public struct Order
{
    /// <summary>Per-run id: sequence and pool slot (see <see cref="OrderPool"/>). 0 = none.</summary>
    public long LocalId;
    public long ClientOrderId;
    public int InstrumentId;
    public Side Side;
    public OrderState State;
    public OrderOrigin Origin;
    public TimeInForce TimeInForce;
    public ExitReason ExitReason;
    /// <summary>Quoting: the level (0 = best) and side this order stands for; −1 when not a quote.</summary>
    public sbyte QuoteLevel;
    public bool CancelPending;
    public bool AmendPending;
    public long Price;
    public long Quantity;
    public long Filled;
    /// <summary>Filled quantity the venue last reported for the order (fills may lag it).</summary>
    public long VenueFilled;
    /// <summary>True once the venue reported the order done (filled, cancelled, expired); it closes when the fills caught up.</summary>
    public bool VenueDone;
    public OrderState VenueDoneState;
    public long Working;
    public long AmendPrice;
    public long AmendQuantity;
    public long CreatedNs;
    public long UpdatedNs;
    public double FillNotional;

    public readonly long Remaining => Quantity - Filled;

    public readonly bool IsExit => Origin is OrderOrigin.Exit or OrderOrigin.Flatten;
}
