namespace Appliance.Venue.Trading;

/// <summary>Which order: by venue order id or by client order id.</summary>
internal sealed record OrderRef(string? OrderId, long? ClientOrderId)
{
    public override string ToString() => OrderId is not null ? $"order_id '{OrderId}'" : $"client_order_id {ClientOrderId}";
}
