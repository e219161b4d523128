namespace Appliance.Trading.Gateways.Venue;

internal enum RequestKind : byte
{
    Login,
    Insert,
    Amend,
    Cancel,
    CancelAll,
    OpenOrders,
    Positions,
    /// <summary>Reconciliation: an insert re-sent with the same client id to learn what became of a known order (answers "duplicate").</summary>
    QueryInsert,
    /// <summary>Reconciliation: a cancel by client id to learn whether an old unanswered insert ever reached the venue.</summary>
    ProbeCancel,
    /// <summary>Reconciliation: cancel of an open order we do not know.</summary>
    CancelUnknown,
}

internal readonly record struct PendingRequest(RequestKind Kind, long ClientOrderId, long SentAtNs);
