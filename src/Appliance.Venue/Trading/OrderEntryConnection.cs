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
internal sealed partial class OrderEntryConnection : VenueConnection
{
    private readonly TokenBucket _bucket;
    private readonly ConcurrentQueue<(byte[] Frame, long NotBefore)> _outbox = new();
    private long _answers, _errors, _rateLimited, _notifications, _bytesSent;

    public OrderEntryConnection(VenueRuntime venue, HttpContext http, Stream stream, int id, string? tag)
        : base(venue, http, stream, id, tag)
    {
        _bucket = new TokenBucket(venue.Options.OrderRate);
    }

    public override string Channel => "trade";

    /// <summary>Set by <c>public/login</c>.</summary>
    public Account? Account { get; private set; }

    public override void Inject(FaultRecord fault)
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
        Signal.Set();
    }

    /// <summary>A notification from the matching engine (generator thread).</summary>
    public void Notify(byte[] message)
    {
        Interlocked.Increment(ref _notifications);
        Enqueue(message, isAnswer: false);
    }

    public Task RunAsync(CancellationToken stopping) => RunConnectionAsync(stopping);

    private protected override async ValueTask OnEndedAsync()
    {
        _stall?.Finish("done", "connection closed during the stall");
        _delay?.Finish("done", "connection closed during the delay");
        Volatile.Read(ref _dropOnRequest)?.Finish("not_applied", "connection closed before a request came");
        if (Account is { } account)
        {
            try { await _venue.Generator.LogoutAsync(this, account); }
            catch (ObjectDisposedException) { /* venue stopping */ }
        }
    }

    public override void WriteJson(Utf8JsonWriter w)
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
