using Appliance.MarketData.Events;
using Appliance.MarketData.Feed;

namespace Appliance.MarketData.Replay;

/// <summary>Feeds every published event into an <see cref="EventDigest"/>: replay at full speed with no ring in between.</summary>
public readonly struct DigestEventSink(EventDigest digest) : IFeedEventSink
{
    public EventDigest Digest { get; } = digest ?? throw new ArgumentNullException(nameof(digest));

    public void Publish(ReadOnlySpan<MarketEvent> events)
    {
        foreach (ref readonly MarketEvent ev in events) Digest.Append(ev);
    }

    public void Poll(long now)
    {
    }
}
