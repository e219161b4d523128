namespace Appliance.MarketData.Feed;

/// <summary>Counters and state of one line (connection) of a feed session. Written by the feed thread only.</summary>
public enum FeedLineCounter
{
    Messages,
    /// <summary>Market messages this line delivered first.</summary>
    Wins,
    /// <summary>Copies this line delivered after another line.</summary>
    Losses,
    /// <summary>Messages of this line, just (re)connected, held back while another line filled the ids before them.</summary>
    HeldBack,
    /// <summary>Copies this line delivered again (or too late to tell).</summary>
    Duplicates,
    Connects,
    ConnectFailures,
    Disconnects,
    Stales,
    /// <summary>1 while connected.</summary>
    Connected,
    /// <summary>Id of the current (or last) connection.</summary>
    ConnectionId,
    /// <summary>MonoClock ticks of the last market message (what stale detection watches).</summary>
    LastMarketTicks,
    /// <summary>MonoClock ticks of the last message of any kind.</summary>
    LastMessageTicks,
    /// <summary><see cref="FeedLineState"/>.</summary>
    State,
    /// <summary>Lead of this line's wins over the losing copies: count, sum and maximum in ns.</summary>
    LeadCount,
    LeadSumNs,
    LeadMaxNs,
}
