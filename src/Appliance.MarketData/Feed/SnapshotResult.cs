namespace Appliance.MarketData.Feed;

/// <summary>An answered snapshot request: HTTP status (0 when there was no answer) and the body bytes.</summary>
public sealed record SnapshotResult(int InstrumentId, int RequestId, int HttpStatus, byte[] Body, int Length, string? Error);
