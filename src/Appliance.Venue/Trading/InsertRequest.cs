namespace Appliance.Venue.Trading;

/// <summary>A checked <c>private/insert</c>: instrument resolved, price and amount in units, on tick and lot.</summary>
internal sealed record InsertRequest(long ClientOrderId, int Instrument, bool Buy, bool Market, long Price, long Amount, bool ImmediateOrCancel, bool PostOnly);
