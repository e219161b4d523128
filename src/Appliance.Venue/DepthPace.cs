namespace Appliance.Venue;

/// <summary>How often the diff-depth streams (<c>@depth</c>, <c>@depth@100ms</c>) are sent.</summary>
public enum DepthPace
{
    /// <summary>One depthUpdate per market step on both streams: the most messages, every update id visible at once.</summary>
    Realtime,
    /// <summary>As Binance: changes aggregated and sent every 1000 ms (@depth) and 100 ms (@depth@100ms) of market time.</summary>
    Interval,
}
