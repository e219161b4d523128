namespace Appliance.Hosting.Daemon;

/// <summary>Totals sampled by housekeeping every few seconds, so health can speak of "the last minute".</summary>
public readonly record struct CounterSample(long Ticks, long Events, long Gaps, long Drops, long Gen2Collections, long Stalls);
