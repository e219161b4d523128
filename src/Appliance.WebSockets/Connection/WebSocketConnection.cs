using System.Buffers;
using System.IO.Pipelines;
using System.Net.Security;
using System.Security.Authentication;
using System.Text;
using Appliance.Primitives.Time;
using Appliance.WebSockets.Deflate;
using Appliance.WebSockets.Errors;
using Appliance.WebSockets.Frames;
using Appliance.WebSockets.Handshake;
using Appliance.WebSockets.Sending;

namespace Appliance.WebSockets.Connection;

/// <summary>
/// An open client connection. One thread receives (<see cref="Receive{THandler}"/> in a loop on a pinned
/// thread, or <see cref="ReceiveAsync{THandler}"/> for tools); any thread may send. Keep-alive pings,
/// the idle timeout and the close timeout run on a timer and never touch the receive thread's state.
/// Open one with <see cref="WebSocketClient.ConnectAsync"/>.
/// </summary>
public sealed partial class WebSocketConnection : IDisposable
{
    private readonly Transport _transport;
    private readonly SegmentPool _segments;
    private readonly Pipe _pipe;
    private readonly PipeReader _reader;
    private readonly PipeWriter _writer;
    private readonly FrameParser _parser;
    private readonly FrameSender _sender;
    private readonly WebSocketCounters _counters = new();
    private readonly WebSocketClientOptions _options;
    private readonly int _readHint;

    private int _state;                    // WebSocketState; read with Volatile, changed by CAS from Close()
    private int _abortReason;              // WebSocketErrorKind set by Abort/timers before shutting the socket
    private WebSocketError _error;
    private string? _closeReason;
    private bool _bufferedSinceHandshake;
    private readonly long _openedTicks;

    internal WebSocketConnection(Transport transport, WebSocketEndpoint endpoint, HandshakeResult handshake,
        ReadOnlySpan<byte> bytesAfterHandshake, WebSocketClientOptions options)
    {
        _transport = transport;
        _options = options;
        Endpoint = endpoint;
        Handshake = handshake;
        _readHint = Math.Min(4096, options.ReadSize);
        // Inline schedulers and no writer pause: FlushAsync completes synchronously and the reader runs on
        // the thread that wrote, so the receive loop never leaves its thread. The parser waits for whole
        // frames, so MaxFrameSize bounds what the pipe can hold.
        _segments = new SegmentPool(options.ReadSize);
        _pipe = new Pipe(new PipeOptions(
            pool: _segments,
            readerScheduler: PipeScheduler.Inline,
            writerScheduler: PipeScheduler.Inline,
            pauseWriterThreshold: 0,
            resumeWriterThreshold: 0,
            minimumSegmentSize: options.ReadSize,
            useSynchronizationContext: false));
        _reader = _pipe.Reader;
        _writer = _pipe.Writer;
        _parser = new FrameParser(options.ParserSettings(handshake.Deflate is not null), _counters);
        _sender = new FrameSender(transport, _counters);
        _openedTicks = MonoClock.Now();
        _counters.LastReceiveTicksField = _openedTicks;
        if (!bytesAfterHandshake.IsEmpty)
        {
            // The server may send its first frames in the same segment as the 101 response.
            _writer.Write(bytesAfterHandshake);
            CompleteFlush(_writer.FlushAsync());
            _counters.BytesReceivedField += bytesAfterHandshake.Length;
            _bufferedSinceHandshake = true;
        }
        StartTimer();
    }

    internal Transport Transport => _transport;

    /// <summary>
    /// A connection over a stream that already carries server frames (no handshake): replays of recorded
    /// sessions, benchmarks and tests drive the same pipe, parser and receive loop as a live socket.
    /// </summary>
    public static WebSocketConnection OverStream(Stream stream, WebSocketClientOptions options, DeflateParameters? deflate = null) =>
        new(new Transport(stream), WebSocketEndpoint.Parse(new Uri("ws://replay/")),
            new HandshakeResult(HandshakeResponse.None(), null, deflate?.ToString(), deflate), default, options);

    public string Name => _options.Name ?? Endpoint.HostHeader;
    public WebSocketEndpoint Endpoint { get; }
    public HandshakeResult Handshake { get; }
    public WebSocketClientOptions Options => _options;
    public WebSocketCounters Counters => _counters;
    public WebSocketState State => (WebSocketState)Volatile.Read(ref _state);

    /// <summary>Negotiated TLS version; null on ws://.</summary>
    public SslProtocols? TlsProtocol => _transport.TlsProtocol;
    /// <summary>Negotiated TLS cipher suite; null on ws://.</summary>
    public TlsCipherSuite? TlsCipherSuite => _transport.TlsCipherSuite;

    /// <summary>Why the connection failed; <see cref="WebSocketErrorKind.None"/> while open or after a clean close.</summary>
    public WebSocketError Error => _error;
    /// <summary>Code of the server's close frame (1005 if it had none); 0 if none arrived.</summary>
    public int CloseCodeReceived => _counters.CloseCodeReceived;
    /// <summary>Reason text of the server's close frame.</summary>
    public string? CloseReason => _closeReason;
    /// <summary>The socket or TLS error behind a <see cref="WebSocketErrorKind.TransportError"/>.</summary>
    public string? TransportErrorDetail => _transport.LastError;

    /// <summary>One line for an operator: how the connection ended.</summary>
    public string DescribeOutcome() => State switch
    {
        WebSocketState.Open => "open",
        WebSocketState.CloseSent => "closing",
        WebSocketState.Closed => $"closed by close handshake, server code {CloseCodeReceived}" + (string.IsNullOrEmpty(_closeReason) ? "" : $" \"{_closeReason}\""),
        _ => $"failed: {_error}" +
             (_error.Kind == WebSocketErrorKind.TransportError && _transport.LastError is not null ? $": {_transport.LastError}" : "") +
             (_error.CloseCode != 0 && _error.IsProtocolViolation ? $"; sent close {_error.CloseCode}" : ""),
    };

    private static void CompleteFlush(ValueTask<FlushResult> flush)
    {
        if (!flush.IsCompletedSuccessfully) ThrowHelper.ThrowPipeFlushDidNotComplete();
        _ = flush.Result;
    }

    private void SetCloseReason(ReadOnlySpan<byte> reason) =>
        _closeReason = reason.IsEmpty ? null : Encoding.UTF8.GetString(reason);

    public void Dispose()
    {
        StopTimer();
        _sender.Stop();
        _transport.Dispose();
        _reader.Complete();
        _writer.Complete();
        _parser.Dispose();
        _segments.Dispose();
        if (Volatile.Read(ref _state) is (int)WebSocketState.Open or (int)WebSocketState.CloseSent)
        {
            _error = new WebSocketError(WebSocketErrorKind.Aborted);
            Volatile.Write(ref _state, (int)WebSocketState.Failed);
        }
    }
}
