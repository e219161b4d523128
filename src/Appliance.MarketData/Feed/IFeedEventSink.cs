using Appliance.MarketData.Events;

namespace Appliance.MarketData.Feed;

/// <summary>
/// Where a feed processor delivers its event stream: the ring to the strategy thread live, a digest in
/// replay, a list in tests. A struct generic parameter, so the calls are direct.
/// </summary>
public interface IFeedEventSink
{
    /// <summary>
    /// One venue message's events (a depth message may be several, <c>Part</c> 0..n) or one status event,
    /// delivered whole or not at all. Only the header and the levels within the counts are meaningful
    /// (a sink may copy just those). Valid only during the call.
    /// </summary>
    void Publish(ReadOnlySpan<MarketEvent> events);

    /// <summary>Called by the feed loop between polls (nothing else to do): a sink may report pending drops.</summary>
    void Poll(long now);
}
