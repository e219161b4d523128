namespace Appliance.MarketData.Events;

/// <summary>What a <see cref="MarketEventKind.Status"/> event reports. The detail field carries the number that goes with it.</summary>
public enum FeedStatus : byte
{
    None = 0,
    /// <summary>The connection is up (detail: attempt number).</summary>
    Connected,
    /// <summary>The venue acknowledged a request (detail: the request id; a SUBSCRIBE answered <c>result: null</c>).</summary>
    Subscribed,
    /// <summary>No message for longer than the configured limit (detail: silence in ms).</summary>
    Stale,
    /// <summary>Venue ids skipped (<c>FirstId</c> expected, <c>LastId</c> seen).</summary>
    Gap,
    /// <summary>The book was rebuilt from a snapshot plus buffered diffs (detail: snapshot update id).</summary>
    Resynced,
    /// <summary>The connection is being re-established (detail: backoff in ms).</summary>
    Reconnecting,
    /// <summary>Events were lost locally, e.g. the ring was full (detail: how many).</summary>
    Dropped,
    /// <summary>The venue answered a request with an error (detail: its code; <c>TradeId</c>: the request id).</summary>
    RequestRejected,
    /// <summary>The venue answered a query with a value (detail: the request id); not an acknowledgement.</summary>
    RequestResult,
}
