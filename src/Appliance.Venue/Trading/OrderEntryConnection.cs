using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Appliance.Venue.Connections;
using Appliance.Venue.Faults;
using Appliance.Venue.WebSockets;
using Microsoft.AspNetCore.Http;

namespace Appliance.Venue.Trading;

/// <summary>
/// One order-entry WebSocket (<c>/trade</c>, docs/order-entry-protocol.md). The receive loop handles requests
/// one at a time (rate limit, login, then the matching engine on the generator thread); a single sender
/// writes answers and notifications in order, applying delays, stalls and drops.
/// </summary>
internal sealed partial class OrderEntryConnection : IVenueConnection
{
    private readonly VenueRuntime _venue;
    private readonly HttpContext _http;
    private readonly Stream _stream;
    private readonly TokenBucket _bucket;
    private readonly ConcurrentQueue<(byte[] Frame, long NotBefore)> _outbox = new();
    private readonly ConcurrentQueue<byte[]> _controls = new();
    private readonly ConcurrentQueue<FaultRecord> _faultInbox = new();
    private readonly CancellationTokenSource _ended = new();
    private readonly AsyncSignal _signal = new();
    private long _requests, _answers, _errors, _rateLimited, _notifications, _bytesSent, _pingsReceived;
    private volatile string? _closeDescription;
    private volatile bool _clientClosed;
    private volatile byte[]? _closeReply;
    private volatile bool _venueStopping;

    public OrderEntryConnection(VenueRuntime venue, HttpContext http, Stream stream, int id, string? tag)
    {
        _venue = venue;
        _http = http;
        _stream = stream;
        Id = id;
        Tag = tag;
        _bucket = new TokenBucket(venue.Options.OrderRate);
        Remote = $"{http.Connection.RemoteIpAddress}:{http.Connection.RemotePort}";
        OpenedUtc = DateTime.UtcNow;
    }

    public int Id { get; }

    public string? Tag { get; }

    public string Channel => "trade";

    public string Remote { get; }

    public DateTime OpenedUtc { get; }

    public DateTime? ClosedUtc { get; private set; }

    public bool IsOpen => ClosedUtc is null;

    /// <summary>Set by <c>public/login</c>.</summary>
    public Account? Account { get; private set; }

    public void Inject(FaultRecord fault)
    {
        if (fault.Spec.Kind == FaultKind.DropOnRequest)
        {
            // The receive loop applies it to the next request; the sender never sees it.
            fault.Start();
            Volatile.Write(ref _dropOnRequest, fault);
            return;
        }
        if (fault.Spec.Kind == FaultKind.Delay)
        {
            // In force before the control call returns: the next answer is already held back.
            StartDelay(fault);
            return;
        }
        _faultInbox.Enqueue(fault);
        _signal.Set();
    }

    /// <summary>A notification from the matching engine (generator thread).</summary>
    public void Notify(byte[] message)
    {
        Interlocked.Increment(ref _notifications);
        Enqueue(message, isAnswer: false);
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        using CancellationTokenRegistration onStop = stopping.Register(() =>
        {
            _closeDescription ??= "venue stopping";
            _venueStopping = true;
            _ended.Cancel();
            _signal.Set();
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
            _stall?.Finish("done", "connection closed during the stall");
            _delay?.Finish("done", "connection closed during the delay");
            Volatile.Read(ref _dropOnRequest)?.Finish("not_applied", "connection closed before a request came");
            if (Account is { } account)
            {
                try { await _venue.Generator.LogoutAsync(this, account); }
                catch (ObjectDisposedException) { /* venue stopping */ }
            }
        }
        try { await receive; } catch { /* ended with the connection */ }
        try { await startupFaults; } catch { /* cancelled */ }
    }

    public void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteNumber("id", Id);
        w.WriteString("channel", Channel);
        if (Tag is not null) w.WriteString("tag", Tag);
        w.WriteString("path", "/trade");
        w.WriteString("remote", Remote);
        w.WriteBoolean("open", IsOpen);
        w.WriteString("opened", OpenedUtc);
        if (ClosedUtc is { } closed) w.WriteString("closed", closed);
        if (_closeDescription is { } why) w.WriteString("close_reason", why);
        if (Account is { } account) w.WriteString("account", account.Name);
        w.WriteNumber("requests", Interlocked.Read(ref _requests));
        w.WriteNumber("answers", Interlocked.Read(ref _answers));
        w.WriteNumber("errors", Interlocked.Read(ref _errors));
        w.WriteNumber("rate_limited", Interlocked.Read(ref _rateLimited));
        w.WriteNumber("notifications", Interlocked.Read(ref _notifications));
        w.WriteNumber("bytes_sent", Interlocked.Read(ref _bytesSent));
        w.WriteNumber("pings_received", Interlocked.Read(ref _pingsReceived));
        w.WriteEndObject();
    }

    private static long Now() => Stopwatch.GetTimestamp();

    private static long TicksOf(long ms) => ms * Stopwatch.Frequency / 1000;
}
