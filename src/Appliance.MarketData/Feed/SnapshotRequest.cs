namespace Appliance.MarketData.Feed;

/// <summary>A request for an instrument's REST depth snapshot; the answer carries <see cref="RequestId"/> back.</summary>
public readonly record struct SnapshotRequest(int InstrumentId, int RequestId);
