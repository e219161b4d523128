using Appliance.MarketData.Events;

namespace Appliance.MarketData.Feed;

/// <summary>Keeps every published event in a list (tests, tools). Allocates as the list grows.</summary>
public readonly struct CollectingEventSink(List<MarketEvent> events) : IFeedEventSink
{
    public List<MarketEvent> Events { get; } = events ?? throw new ArgumentNullException(nameof(events));

    public void Publish(ReadOnlySpan<MarketEvent> events)
    {
        foreach (ref readonly MarketEvent ev in events) Events.Add(ev);
    }

    public void Poll(long now)
    {
    }
}
