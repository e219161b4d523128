namespace Appliance.Venue.Trading;

/// <summary>Order states on the wire (docs/order-entry-protocol.md).</summary>
public enum OrderStatus
{
    Open,
    PartiallyFilled,
    Filled,
    Cancelled,
    Rejected,
    Expired,
}
