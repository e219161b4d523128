using System.Collections.Concurrent;
using System.Text.Json;
using Appliance.Venue.Faults;
using Appliance.Venue.WebSockets;
using Microsoft.AspNetCore.Http;

namespace Appliance.Venue.Connections;

/// <summary>
/// What every client WebSocket of the venue shares, market data and order entry alike: identity, the
/// connection's life (receive loop, one sender, start-up faults, the ending) and the WebSocket control
/// frames. A channel supplies its sender, what a data frame means, and its own clean-up.
/// </summary>
internal abstract class VenueConnection : IVenueConnection
{
    private protected readonly VenueRuntime _venue;
    private protected readonly HttpContext _http;
    private protected readonly Stream _stream;
    private protected readonly ConcurrentQueue<byte[]> _controls = new();
    private protected readonly ConcurrentQueue<FaultRecord> _faultInbox = new();
    private protected readonly CancellationTokenSource _ended = new();
    private protected long _pingsReceived, _pongsReceived, _requests;
    private protected volatile string? _closeDescription;
    private protected volatile bool _clientClosed;
    private protected volatile byte[]? _closeReply;
    private protected volatile bool _venueStopping;

    private protected VenueConnection(VenueRuntime venue, HttpContext http, Stream stream, int id, string? tag)
    {
        _venue = venue;
        _http = http;
        _stream = stream;
        Id = id;
        Tag = tag;
        Remote = $"{http.Connection.RemoteIpAddress}:{http.Connection.RemotePort}";
        OpenedUtc = DateTime.UtcNow;
    }

    public int Id { get; }

    public string? Tag { get; }

    public abstract string Channel { get; }

    public string Remote { get; }

    public DateTime OpenedUtc { get; }

    public DateTime? ClosedUtc { get; private set; }

    public bool IsOpen => ClosedUtc is null;

    /// <summary>Wakes the sender (new data, a control frame to send, a fault, the end).</summary>
    public AsyncSignal Signal { get; } = new();

    public abstract void Inject(FaultRecord fault);

    public abstract void WriteJson(Utf8JsonWriter writer);

    /// <summary>The sender: runs until the connection ends.</summary>
    private protected abstract Task SendLoopAsync();

    /// <summary>A text or binary frame from the client (receive loop); false ends the loop.</summary>
    private protected abstract ValueTask<bool> OnMessageAsync(ClientFrame frame);

    /// <summary>The channel's clean-up once the sender has ended (faults still open, a logout).</summary>
    private protected abstract ValueTask OnEndedAsync();

    /// <summary>Runs the connection until it ends (client close, fault, error, venue stop).</summary>
    private protected async Task RunConnectionAsync(CancellationToken stopping)
    {
        using CancellationTokenRegistration onStop = stopping.Register(() =>
        {
            _closeDescription ??= "venue stopping";
            _venueStopping = true;
            _ended.Cancel();
            Signal.Set();
        });
        Task receive = ReceiveLoopAsync();
        Task startupFaults = StartupFaults.RunAsync(this, _venue, _ended.Token);
        try
        {
            await SendLoopAsync();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or Microsoft.AspNetCore.Connections.ConnectionResetException)
        {
            _closeDescription ??= "send failed: " + e.Message;
        }
        finally
        {
            ClosedUtc = DateTime.UtcNow;
            _ended.Cancel();
            foreach (FaultRecord f in _faultInbox) f.Finish("not_applied", "connection closed first");
            await OnEndedAsync();
        }
        try { await receive; } catch { /* ended with the connection */ }
        try { await startupFaults; } catch { /* cancelled */ }
    }

    private async Task ReceiveLoopAsync()
    {
        var reader = new ClientFrameReader(_stream);
        while (true)
        {
            ClientFrame? read = await reader.ReadAsync(_ended.Token);
            if (read is not { } frame)
            {
                if (reader.Error is not null)
                {
                    _closeDescription ??= $"protocol error from the client: {reader.Error}";
                    _closeReply = ServerFrames.Close(reader.ErrorCloseCode, reader.Error.Length <= 120 ? reader.Error : "protocol error");
                    _clientClosed = true;
                }
                else if (!_ended.IsCancellationRequested)
                {
                    _closeDescription ??= "the client went away without a close frame";
                    _ended.Cancel();
                }
                Signal.Set();
                return;
            }
            switch (frame.Opcode)
            {
                case ServerFrames.OpText:
                case ServerFrames.OpBinary:
                    Interlocked.Increment(ref _requests);
                    if (!await OnMessageAsync(frame)) return;
                    break;
                case ServerFrames.OpPing:
                    Interlocked.Increment(ref _pingsReceived);
                    _controls.Enqueue(ServerFrames.Frame(ServerFrames.OpPong, frame.Payload.Span));
                    Signal.Set();
                    break;
                case ServerFrames.OpPong:
                    Interlocked.Increment(ref _pongsReceived);
                    break;
                case ServerFrames.OpClose:
                    // Echo the client's status code (RFC 6455 5.5.1); no code → 1000.
                    _closeReply = ServerFrames.Frame(ServerFrames.OpClose, frame.Payload.Length >= 2 ? frame.Payload.Span[..2] : [0x03, 0xE8]);
                    _clientClosed = true;
                    Signal.Set();
                    return;
            }
        }
    }
}
