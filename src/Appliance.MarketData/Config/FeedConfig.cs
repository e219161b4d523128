using System.Text.Json.Serialization;

namespace Appliance.MarketData.Config;

/// <summary>One entry of the <c>feeds</c> section: one WebSocket connection (one line of a feed group).</summary>
public sealed record FeedConfig
{
    /// <summary>Unique name, used in logs, the admin socket and <c>reconnect NAME</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The venue's message format; "binance" is the only one so far.</summary>
    public string Venue { get; set; } = "binance";

    /// <summary>ws:// or wss:// endpoint (a Binance combined-stream "/stream" or raw "/ws" endpoint).</summary>
    public string Url { get; set; } = "";

    /// <summary>http(s):// REST depth endpoint ("/api/v3/depth"); required when a depth stream is subscribed.</summary>
    public string? SnapshotUrl { get; set; }

    /// <summary>Stream names to SUBSCRIBE to after every connect ("btcusdt@trade", "btcusdt@depth@100ms").</summary>
    public IReadOnlyList<string> Streams { get; set; } = [];

    /// <summary>Line label within the feed's group ("A", "B"); lines of a group are arbitrated by venue ids.</summary>
    public string Line { get; set; } = "A";

    /// <summary>
    /// Feeds with the same group are redundant lines of one feed: same venue and streams, one feed thread,
    /// first arrival wins. Defaults to the feed's name (a group of one).
    /// </summary>
    public string? Group { get; set; }

    /// <summary>CPU the feed thread is pinned to; null leaves it unpinned. Lines of a group share the first line's.</summary>
    public int? Cpu { get; set; }

    /// <summary>No market message (pings do not count) for this long: the line is stale and is reconnected.</summary>
    public int StaleAfterMs { get; set; } = 2000;

    /// <summary>
    /// Arbitration (groups of two or more lines): how long a line that (re)connects may have its messages held
    /// back, per stream, while a slower line that stayed up fills the ids before them; 0 declares the gap at once.
    /// All lines of a group have the same value.
    /// </summary>
    public int RejoinHoldMs { get; set; } = 500;

    public BackoffConfig Backoff { get; set; } = new();

    /// <summary>Levels asked of the REST snapshot (Binance allows up to 5000).</summary>
    public int SnapshotDepth { get; set; } = 1000;

    /// <summary>Offer permessage-deflate.</summary>
    public bool Deflate { get; set; }

    /// <summary>Connect (TCP + handshake) timeout.</summary>
    public int ConnectTimeoutMs { get; set; } = 5000;

    /// <summary>The group this feed belongs to (its name when none is configured).</summary>
    [JsonIgnore]
    public string GroupName => string.IsNullOrEmpty(Group) ? Name : Group;
}
