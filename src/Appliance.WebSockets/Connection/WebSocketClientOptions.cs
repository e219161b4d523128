using System.Security.Authentication;
using Appliance.WebSockets.Deflate;
using Appliance.WebSockets.Frames;

namespace Appliance.WebSockets.Connection;

/// <summary>Everything configurable about one client connection. Immutable once connected.</summary>
public sealed record WebSocketClientOptions
{
    /// <summary>Shown in errors and logs, e.g. "binance-md-1".</summary>
    public string? Name { get; init; }

    // Timers.
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>TLS plus the HTTP Upgrade exchange.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>How long we wait for the server's close frame after sending ours, before dropping the connection.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Interval of our keep-alive pings (RTT measured from their pongs); zero turns them off.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(15);
    /// <summary>Fail with IdleTimeout when nothing at all arrives for this long; zero turns it off.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    // Socket.
    /// <summary>SO_RCVBUF; null keeps the kernel default (autotuned).</summary>
    public int? ReceiveBufferSize { get; init; }
    /// <summary>SO_SNDBUF; null keeps the kernel default.</summary>
    public int? SendBufferSize { get; init; }
    /// <summary>Size of the receive pipe's segments: the most one read can return.</summary>
    public int ReadSize { get; init; } = 64 * 1024;
    /// <summary>
    /// ws:// only: a non-blocking socket, so <see cref="WebSocketConnection.Receive{THandler}"/> returns
    /// at once when nothing has arrived and a pinned thread can spin on it.
    /// </summary>
    public bool BusyPoll { get; init; }

    // Protocol.
    public int MaxFrameSize { get; init; } = 16 * 1024 * 1024;
    public int MaxMessageSize { get; init; } = 16 * 1024 * 1024;
    public int InitialMessageBufferSize { get; init; } = 64 * 1024;
    /// <summary>UTF-8 validation of text messages; turn off only for trusted feeds (see docs/websockets.md for its cost).</summary>
    public bool ValidateUtf8 { get; init; } = true;
    /// <summary>Offer permessage-deflate with these parameters; null offers nothing.</summary>
    public DeflateOptions? Deflate { get; init; }
    public IReadOnlyList<string> SubProtocols { get; init; } = [];
    /// <summary>Extra request header fields (e.g. Origin, Authorization, User-Agent).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    // TLS.
    /// <summary>PEM file of CA certificates to trust instead of the system store.</summary>
    public string? CaBundlePath { get; init; }
    public SslProtocols TlsProtocols { get; init; } = SslProtocols.Tls12 | SslProtocols.Tls13;
    /// <summary>Name sent in SNI and checked against the certificate; defaults to the URI's host.</summary>
    public string? TlsTargetHost { get; init; }
    public bool CheckCertificateRevocation { get; init; }

    internal FrameParserSettings ParserSettings(bool deflate) => new()
    {
        MaxFrameSize = MaxFrameSize,
        MaxMessageSize = MaxMessageSize,
        InitialMessageBufferSize = InitialMessageBufferSize,
        ValidateUtf8 = ValidateUtf8,
        Deflate = deflate,
    };
}
