namespace Appliance.Venue.Faults;

/// <summary>Venue ids a fault touched on one stream: depth U..u, trade t, aggTrade a, bookTicker u, partial depth lastUpdateId.</summary>
public sealed record IdRange(string Stream, long FirstId, long LastId);
