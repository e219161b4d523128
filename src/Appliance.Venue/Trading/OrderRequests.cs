namespace Appliance.Venue.Trading;

/// <summary>A checked <c>private/insert</c>: instrument resolved, price and amount in units, on tick and lot.</summary>
internal sealed record InsertRequest(long ClientOrderId, int Instrument, bool Buy, bool Market, long Price, long Amount, bool ImmediateOrCancel, bool PostOnly);

/// <summary>Which order: by venue order id or by client order id.</summary>
internal sealed record OrderRef(string? OrderId, long? ClientOrderId)
{
    public override string ToString() => OrderId is not null ? $"order_id '{OrderId}'" : $"client_order_id {ClientOrderId}";
}

/// <summary>A <c>private/amend</c>: new price and/or new total amount, as sent (the engine checks them against the order's instrument).</summary>
internal sealed record AmendRequest(OrderRef Order, string? Price, string? Amount);
