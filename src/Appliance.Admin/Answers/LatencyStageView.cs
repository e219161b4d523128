namespace Appliance.Admin.Answers;

/// <summary>One stage of a latency answer: its last interval and everything since start (or the last reset).</summary>
public readonly record struct LatencyStageView(string Stage, LatencyWindow Interval, LatencyWindow SinceStart);
