namespace Appliance.Venue.Trading;

/// <summary>A <c>private/amend</c>: new price and/or new total amount, as sent (the engine checks them against the order's instrument).</summary>
internal sealed record AmendRequest(OrderRef Order, string? Price, string? Amount);
