namespace Appliance.Trading.Decisions;

/// <summary>What a decision record says. Stable numbers: they are part of the recorded bytes.</summary>
public enum DecisionKind : byte
{
    None = 0,
    /// <summary>A strategy intent (Extra: intent kind; Quantity: target position or order quantity).</summary>
    Intent = 1,
    /// <summary>A pre-trade check (Reason: RiskReason; Origin; the order's side, quantity and price).</summary>
    Risk = 2,
    /// <summary>An insert handed to the gateway.</summary>
    OrderSent = 3,
    AmendSent = 4,
    CancelSent = 5,
    CancelAllSent = 6,
    Ack = 7,
    /// <summary>A fill (Price, Quantity; Extra: the order's filled quantity after it).</summary>
    Fill = 8,
    Cancelled = 9,
    /// <summary>Extra: the venue's error code.</summary>
    Rejected = 10,
    Expired = 11,
    Amended = 12,
    AmendRejected = 13,
    CancelRejected = 14,
    /// <summary>An exit rule fired (Reason: ExitReason; Price: the triggering price; Quantity: the position).</summary>
    ExitTriggered = 15,
    /// <summary>Trading state changed (Reason: StateCause; Extra: from × 256 + to).</summary>
    StateChange = 16,
    /// <summary>An operator command was applied (Reason: ControlCommandKind).</summary>
    Command = 17,
    /// <summary>Consecutive trades jumped beyond the alert threshold (Price; Extra: the previous price).</summary>
    JumpAlert = 18,
    /// <summary>Reconciliation set the position to the venue's (Quantity: venue; Extra: ours before).</summary>
    PositionCorrected = 19,
    /// <summary>A new trading day began (Extra: session start, Unix ns).</summary>
    DayStart = 20,
    /// <summary>A gateway answer matched no live order (Extra: client order id).</summary>
    UnknownReport = 21,
    /// <summary>The gateway's venue session went down (Extra 0) or came back (1).</summary>
    Connection = 22,
}
