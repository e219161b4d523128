namespace Appliance.MarketData.Replay;

/// <summary>What a replay read: records by kind, and the damage it stepped over (path, status, byte offset).</summary>
public sealed record ReplayResult(long Records, long Payloads, IReadOnlyList<string> Problems, TimeSpan RecordedSpan, TimeSpan Elapsed);
