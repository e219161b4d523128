namespace Appliance.Trading.Gateways.Venue;

/// <summary>The venue gateway's state for operators (a copy; any thread).</summary>
public sealed record VenueGatewayStatus(
    bool Connected,
    bool Ready,
    long Connects,
    long Disconnects,
    long RequestsSent,
    long RateLimitedByVenue,
    long ResentInserts,
    long Reconciliations,
    long Differences,
    IReadOnlyList<string> LastReconciliation,
    string? LastError);
