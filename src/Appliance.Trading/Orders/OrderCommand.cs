using Appliance.MarketData.Events;

namespace Appliance.Trading.Orders;

public enum OrderCommandKind : byte
{
    Insert = 1,
    Amend,
    Cancel,
    /// <summary>Cancel every order (of <see cref="OrderCommand.InstrumentId"/>, or all when it is −1).</summary>
    CancelAll,
}

/// <summary>What the strategy thread asks a gateway to do. Blittable: it crosses to the gateway's thread in an SPSC ring.</summary>
public struct OrderCommand
{
    public OrderCommandKind Kind;
    public Side Side;
    public TimeInForce TimeInForce;
    public bool PostOnly;
    public int InstrumentId;
    public long ClientOrderId;
    public long Price;
    public long Quantity;
    /// <summary>Event time when the strategy thread issued it.</summary>
    public long TimeNs;
}
