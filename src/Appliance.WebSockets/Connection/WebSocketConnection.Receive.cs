using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Appliance.Primitives.Time;
using Appliance.WebSockets.Errors;
using Appliance.WebSockets.Frames;

namespace Appliance.WebSockets.Connection;

// The receive side: one read from the socket/TLS stream into the pipe, then every complete frame parsed
// in place. Mode (a) is Receive/Run on the caller's thread; mode (b) ReceiveAsync/RunAsync for tools.
public sealed partial class WebSocketConnection
{
    /// <summary>
    /// Mode (a): one blocking read (or, with BusyPoll, one non-blocking attempt) on this thread, then every
    /// complete message delivered to <paramref name="handler"/> before returning. No thread-pool hop and
    /// no allocation per message in steady state.
    /// </summary>
    public ReceiveStatus Receive<THandler>(ref THandler handler) where THandler : IWebSocketMessageHandler
    {
        if (Volatile.Read(ref _state) >= (int)WebSocketState.Closed) return CurrentStatus();
        if (_bufferedSinceHandshake) return ParseBytesAfterHandshake(ref handler);

        Span<byte> span = _writer.GetSpan(_readHint);
        int n = _transport.Read(span);
        long timestamp = MonoClock.Now();
        if (n > 0) return OnBytes(n, timestamp, ref handler);
        if (n == Transport.WouldBlock) return ReceiveStatus.Open;
        return OnReadEnded(n);
    }

    /// <summary>Mode (a) loop: receives until the connection closes or fails.</summary>
    public ReceiveStatus Run<THandler>(ref THandler handler) where THandler : IWebSocketMessageHandler
    {
        ReceiveStatus status;
        do status = Receive(ref handler);
        while (status == ReceiveStatus.Open);
        return status;
    }

    /// <summary>
    /// Mode (b): one asynchronous read, then every complete message delivered to <paramref name="handler"/>
    /// (pass a class, or a struct whose state lives elsewhere: it is copied into the async state machine).
    /// To stop waiting, call <see cref="Close"/> or <see cref="Abort"/> from another thread.
    /// </summary>
    public async ValueTask<ReceiveStatus> ReceiveAsync<THandler>(THandler handler) where THandler : IWebSocketMessageHandler
    {
        if (Volatile.Read(ref _state) >= (int)WebSocketState.Closed) return CurrentStatus();
        if (_bufferedSinceHandshake) return ParseBytesAfterHandshake(ref handler);

        Memory<byte> memory = _writer.GetMemory(_readHint);
        int n = await _transport.ReadAsync(memory).ConfigureAwait(false);
        long timestamp = MonoClock.Now();
        if (n > 0) return OnBytes(n, timestamp, ref handler);
        return OnReadEnded(n);
    }

    /// <summary>Mode (b) loop: receives until the connection closes or fails.</summary>
    public async Task<ReceiveStatus> RunAsync<THandler>(THandler handler) where THandler : IWebSocketMessageHandler
    {
        ReceiveStatus status;
        do status = await ReceiveAsync(handler).ConfigureAwait(false);
        while (status == ReceiveStatus.Open);
        return status;
    }

    private ReceiveStatus ParseBytesAfterHandshake<THandler>(ref THandler handler) where THandler : IWebSocketMessageHandler
    {
        _bufferedSinceHandshake = false;
        return ParseBuffered(ref handler, _openedTicks);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReceiveStatus OnBytes<THandler>(int count, long timestamp, ref THandler handler) where THandler : IWebSocketMessageHandler
    {
        _counters.BytesReceivedField += count;
        Volatile.Write(ref _counters.LastReceiveTicksField, timestamp);
        _writer.Advance(count);
        CompleteFlush(_writer.FlushAsync());
        return ParseBuffered(ref handler, timestamp);
    }

    private ReceiveStatus ParseBuffered<THandler>(ref THandler handler, long timestamp) where THandler : IWebSocketMessageHandler
    {
        if (!_reader.TryRead(out ReadResult result)) return ReceiveStatus.Open;
        ReadOnlySequence<byte> buffer = result.Buffer;
        ReceiveStatus status = ReceiveStatus.Open;
        while (true)
        {
            ParseStatus parsed = _parser.Parse(ref buffer, ref handler, timestamp);
            if (parsed == ParseStatus.NeedMoreData) break;
            status = parsed == ParseStatus.Error ? FailProtocol() : OnControlFrame(timestamp);
            if (status != ReceiveStatus.Open) break;
        }
        _reader.AdvanceTo(buffer.Start, buffer.End);
        return status;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ReceiveStatus OnControlFrame(long timestamp)
    {
        switch (_parser.ControlOpcode)
        {
            case Opcode.Ping:
                _counters.PingsReceivedField++;
                // RFC 6455 5.5.3: answer with the same payload, unless we are already closing.
                if (Volatile.Read(ref _state) == (int)WebSocketState.Open) _sender.Send(Opcode.Pong, _parser.ControlPayload);
                return ReceiveStatus.Open;
            case Opcode.Pong:
                _counters.PongsReceivedField++;
                ReadOnlySpan<byte> payload = _parser.ControlPayload;
                // Only the answer to our latest keep-alive ping carries its send time; unsolicited pongs
                // (allowed by 5.5.3, e.g. .NET servers' keep-alives) are counted and ignored.
                if (payload.Length == 8)
                {
                    long sent = BinaryPrimitives.ReadInt64BigEndian(payload);
                    if (sent != 0 && sent == Volatile.Read(ref _lastPingTicks))
                        Volatile.Write(ref _counters.LastRttNanosField, MonoClock.ElapsedNanoseconds(sent, timestamp));
                }
                return ReceiveStatus.Open;
            default:
                return OnCloseFrame();
        }
    }

    private ReceiveStatus OnCloseFrame()
    {
        ushort code = _parser.CloseCode;
        Volatile.Write(ref _counters.CloseCodeReceivedField, code);
        SetCloseReason(_parser.CloseReason);
        // 5.5.1: echo the code if we have not sent a close of our own (1005 means "none": echo an empty close).
        _sender.SendClose(code == CloseCode.NoStatusReceived ? (ushort)0 : code, default);
        Volatile.Write(ref _state, (int)WebSocketState.Closed);
        Finish();
        return ReceiveStatus.Closed;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ReceiveStatus FailProtocol()
    {
        WebSocketError error = _parser.Error;
        _sender.SendClose(error.CloseCode, System.Text.Encoding.ASCII.GetBytes(error.CloseReason));
        return Fail(error);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ReceiveStatus OnReadEnded(int result)
    {
        var abort = (WebSocketErrorKind)Volatile.Read(ref _abortReason);
        WebSocketErrorKind kind = abort != WebSocketErrorKind.None ? abort
            : result == 0 ? WebSocketErrorKind.ConnectionClosedWithoutCloseFrame
            : WebSocketErrorKind.TransportError;
        return Fail(new WebSocketError(kind, _parser.Offset));
    }

    private ReceiveStatus Fail(WebSocketError error)
    {
        _error = error;
        Volatile.Write(ref _state, (int)WebSocketState.Failed);
        Finish();
        return ReceiveStatus.Failed;
    }

    /// <summary>The connection is over: stop timers and senders, release the socket's read side.</summary>
    private void Finish()
    {
        StopTimer();
        _sender.Stop();
        _transport.Shutdown();
    }

    private ReceiveStatus CurrentStatus() =>
        Volatile.Read(ref _state) == (int)WebSocketState.Closed ? ReceiveStatus.Closed : ReceiveStatus.Failed;
}
