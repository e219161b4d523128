using Appliance.Primitives.Histograms;

namespace Appliance.Admin.Answers;

/// <summary>A histogram and the span of time its values were recorded in (Unix milliseconds).</summary>
public readonly record struct LatencyWindow(HdrHistogram Histogram, long StartUnixMs, long EndUnixMs);

/// <summary>One stage of a latency answer: its last interval and everything since start (or the last reset).</summary>
public readonly record struct LatencyStageView(string Stage, LatencyWindow Interval, LatencyWindow SinceStart);
