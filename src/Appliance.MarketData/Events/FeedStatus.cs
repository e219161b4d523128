namespace Appliance.MarketData.Events;

/// <summary>What a <see cref="MarketEventKind.Status"/> event reports. The detail field carries the number that goes with it.</summary>
public enum FeedStatus : byte
{
    None = 0,
    /// <summary>A line's connection is up (detail: attempt number; <c>TradeId</c>: line index; <c>ConnectionId</c>: the new connection).</summary>
    Connected,
    /// <summary>The venue acknowledged a request (detail: the request id; a SUBSCRIBE answered <c>result: null</c>).</summary>
    Subscribed,
    /// <summary>No market message on a line for longer than its limit; pings do not count (detail: silence in ms; <c>TradeId</c>: line index). A Reconnecting follows.</summary>
    Stale,
    /// <summary>Venue ids skipped on an instrument: <c>FirstId</c>..<c>LastId</c> are the missing ids, detail their count. Follows the message that revealed it; for depth, a resync follows.</summary>
    Gap,
    /// <summary>The book was rebuilt: the DepthSnapshot events and the buffered diffs precede this (detail and <c>FirstId</c>: snapshot update id; <c>LastId</c>: the book's update id now).</summary>
    Resynced,
    /// <summary>A line went down or a connect failed; the next attempt is in detail ms (<c>FirstId</c>: the DisconnectReason; <c>TradeId</c>: line index).</summary>
    Reconnecting,
    /// <summary>Events were lost locally because the ring was full (detail: how many since the last Dropped event). Published as soon as the ring has room.</summary>
    Dropped,
    /// <summary>The venue answered a request with an error (detail: its code; <c>TradeId</c>: the request id).</summary>
    RequestRejected,
    /// <summary>The venue answered a query with a value (detail: the request id); not an acknowledgement.</summary>
    RequestResult,
}
