namespace Appliance.MarketData.Feed;

public enum FeedLineState : byte
{
    /// <summary>Not started, or waiting out a backoff before the next connect.</summary>
    Waiting,
    Connecting,
    /// <summary>Connected and subscribed (or subscribing).</summary>
    Streaming,
    Stopped,
}
