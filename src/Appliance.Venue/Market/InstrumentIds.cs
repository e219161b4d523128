namespace Appliance.Venue.Market;

/// <summary>The last ids an instrument published.</summary>
public sealed record InstrumentIds(string Symbol, long LastUpdateId, long LastTradeId, long LastAggTradeId);
