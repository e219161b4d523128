using Appliance.MarketData.Events;

namespace Appliance.Trading.Orders;

public enum ExecutionReportKind : byte
{
    None = 0,
    /// <summary>The venue has the order (insert answered, or an order update showing it open).</summary>
    Ack,
    /// <summary>One fill: <c>Quantity</c> at <c>Price</c>, <c>TradeId</c> unique per fill.</summary>
    Fill,
    /// <summary>Order update: <c>CumulativeFilled</c> and the venue's state in <c>OrderState</c> (fills may still be on their way).</summary>
    Status,
    Cancelled,
    Rejected,
    Expired,
    /// <summary>An amend took effect: new <c>Price</c> and <c>Quantity</c> (total).</summary>
    Amended,
    AmendRejected,
    /// <summary>A cancel failed (the order was no longer open, or unknown).</summary>
    CancelRejected,
    /// <summary>Reconciliation: the venue's position in <c>InstrumentId</c> is <c>Quantity</c> (signed) at average <c>Price</c>.</summary>
    VenuePosition,
    /// <summary>Reconciliation finished; <c>Quantity</c> counts the differences found.</summary>
    Reconciled,
    /// <summary>The gateway lost (Quantity 0) or regained (1) its venue session.</summary>
    Connection,
}

/// <summary>What a gateway tells the strategy thread. Blittable: it crosses from the gateway's thread in an SPSC ring.</summary>
public struct ExecutionReport
{
    public ExecutionReportKind Kind;
    public Side Side;
    /// <summary>Status reports: the venue's view of the order.</summary>
    public OrderState OrderState;
    public bool Duplicate;
    public int InstrumentId;
    public long ClientOrderId;
    public long Price;
    public long Quantity;
    public long CumulativeFilled;
    public long TradeId;
    public int ErrorCode;
    /// <summary>Venue time (Unix ns) or, for the paper gateway, event time.</summary>
    public long TimeNs;
}
