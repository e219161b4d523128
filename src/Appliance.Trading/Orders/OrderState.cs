namespace Appliance.Trading.Orders;

/// <summary>
/// Life of an order: New → Sent → Acked → PartiallyFilled → Filled / Cancelled / Rejected / Expired.
/// A fill may arrive before the ack (the ack is then implied) and an ack after a fill changes nothing;
/// the terminal states never move again and free the pool slot.
/// </summary>
public enum OrderState : byte
{
    /// <summary>Pool slot not in use.</summary>
    Free = 0,
    /// <summary>Allocated and accepted by risk, not yet handed to the gateway.</summary>
    New,
    /// <summary>Handed to the gateway; no answer yet.</summary>
    Sent,
    Acked,
    PartiallyFilled,
    Filled,
    Cancelled,
    Rejected,
    /// <summary>An immediate-or-cancel remainder, or the venue expired it.</summary>
    Expired,
}

public static class OrderStates
{
    public static bool IsTerminal(this OrderState state) => state >= OrderState.Filled;

    public static bool IsWorking(this OrderState state) => state is OrderState.New or OrderState.Sent or OrderState.Acked or OrderState.PartiallyFilled;
}
