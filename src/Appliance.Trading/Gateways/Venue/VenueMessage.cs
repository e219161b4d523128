using Appliance.MarketData.Events;
using Appliance.Trading.Orders;

namespace Appliance.Trading.Gateways.Venue;

public enum VenueMessageKind : byte
{
    None = 0,
    /// <summary>An answer whose result is an order object (insert, amend, cancel; duplicate inserts too).</summary>
    OrderAnswer,
    /// <summary>One element of an open_orders answer.</summary>
    OpenOrder,
    /// <summary>One element of a positions answer.</summary>
    PositionItem,
    /// <summary>End of a list answer (open_orders, positions): <c>Count</c> elements came before it.</summary>
    ListEnd,
    /// <summary>Any other successful answer (login, cancel_all).</summary>
    OtherAnswer,
    /// <summary>An error answer: <c>ErrorCode</c>.</summary>
    Error,
    /// <summary>An orders-channel notification element.</summary>
    OrderUpdate,
    /// <summary>A trades-channel notification element.</summary>
    Trade,
    /// <summary>The receive loop ended: the connection is gone.</summary>
    Disconnected,
    /// <summary>A message we could not read (logged and counted, otherwise ignored).</summary>
    Unreadable,
}

public enum VenueOrderStatus : byte
{
    Unknown = 0,
    Open,
    PartiallyFilled,
    Filled,
    Cancelled,
    Rejected,
    Expired,
}

/// <summary>
/// One parsed piece of what the venue sent, from the receive thread to the gateway's session thread.
/// Blittable (an SPSC ring slot): prices and amounts already in the instrument's fixed-point units.
/// </summary>
public struct VenueMessage
{
    public VenueMessageKind Kind;
    public Side Side;
    public VenueOrderStatus Status;
    public bool Duplicate;
    /// <summary>Order updates: the change was an amend.</summary>
    public bool Amended;
    public int InstrumentId;
    public int ErrorCode;
    /// <summary>Answers: the request id (−1 when the venue could not read it).</summary>
    public long RequestId;
    public long ClientOrderId;
    public long Price;
    public long Amount;
    public long Filled;
    /// <summary>Average fill price in price units × 10^4 (the venue gives four extra decimals when it does not divide).</summary>
    public long AverageFillPrice4;
    /// <summary>Trades: the number of "T9"; positions: signed position.</summary>
    public long TradeId;
    public long Position;
    public long TimeNs;
    public int Count;

    public readonly OrderState TerminalState => Status switch
    {
        VenueOrderStatus.Filled => OrderState.Filled,
        VenueOrderStatus.Cancelled => OrderState.Cancelled,
        VenueOrderStatus.Rejected => OrderState.Rejected,
        VenueOrderStatus.Expired => OrderState.Expired,
        _ => OrderState.Free,
    };

    public readonly bool IsTerminal => Status is VenueOrderStatus.Filled or VenueOrderStatus.Cancelled or VenueOrderStatus.Rejected or VenueOrderStatus.Expired;
}
