using System.Buffers;
using System.Text.Json;
using Appliance.MarketData.Config;
using Appliance.WebSockets.Connection;
using Appliance.WebSockets.Deflate;

namespace Appliance.MarketData.Feed;

/// <summary>
/// The transport state of one line: its connection (or the connect in progress), backoff, and what stale
/// detection watches. Owned by the feed thread; only <see cref="ReconnectRequested"/> is written by others.
/// </summary>
internal sealed class FeedLine
{
    private int _requestId;

    public FeedLine(int index, FeedConfig config, int? seed)
    {
        Index = index;
        Config = config;
        Url = new Uri(config.Url);
        Backoff = new ReconnectBackoff(config.Backoff.InitialMs, config.Backoff.MaxMs, config.Backoff.Jitter, seed is int s ? s + index : null);
        StaleTicks = Primitives.Time.MonoClock.FromNanoseconds(config.StaleAfterMs * 1_000_000L);
        Options = new WebSocketClientOptions
        {
            Name = config.Name,
            // Busy poll (ws:// only) lets one thread serve several lines; a TLS read cannot be polled.
            BusyPoll = Url.Scheme == "ws",
            Deflate = config.Deflate ? new DeflateOptions() : null,
            ConnectTimeout = TimeSpan.FromMilliseconds(config.ConnectTimeoutMs),
            HandshakeTimeout = TimeSpan.FromMilliseconds(config.ConnectTimeoutMs),
            // Stale detection is ours (market messages only); the connection's idle timer is the backstop
            // for a TLS line whose blocking read would otherwise never return.
            IdleTimeout = Url.Scheme == "ws" ? TimeSpan.Zero : TimeSpan.FromMilliseconds(config.StaleAfterMs),
            KeepAliveInterval = TimeSpan.FromSeconds(15),
        };
    }

    public int Index { get; }
    public FeedConfig Config { get; }
    public Uri Url { get; }
    public WebSocketClientOptions Options { get; }
    public ReconnectBackoff Backoff { get; }
    public long StaleTicks { get; }

    public FeedLineState State;
    public WebSocketConnection? Connection;
    public Task<WebSocketConnection>? Connecting;
    public ushort ConnectionId;
    public long NextAttemptTicks;
    /// <summary>Connect attempts since the line was last up (1 = the first try succeeded).</summary>
    public int Attempts;
    /// <summary>Consecutive failures since the last connection that delivered market data.</summary>
    public int Failures;
    public long LastMarketTicks;
    public bool DeliveredMarketData;
    public int ReconnectRequested; // written by any thread (Volatile/Interlocked)

    /// <summary>The SUBSCRIBE request for this connection (a new id each time; built at connect, the cold path).</summary>
    public byte[] BuildSubscribe()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("method", "SUBSCRIBE");
            json.WriteStartArray("params");
            foreach (string stream in Config.Streams) json.WriteStringValue(stream);
            json.WriteEndArray();
            json.WriteNumber("id", ++_requestId);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
