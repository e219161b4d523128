using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Appliance.Venue.Faults;
using Appliance.Venue.Streams;
using Appliance.Venue.WebSockets;
using Microsoft.AspNetCore.Http;

namespace Appliance.Venue.Connections;

/// <summary>
/// One market-data WebSocket (<c>/ws...</c> raw, <c>/stream...</c> combined). A receive loop reads the client's
/// requests and pings; a single sender task owns everything written — it walks the shared log from its own
/// cursor, keeps what the connection subscribed to, frames it (wrapped for combined streams) into one large
/// buffer per write, and applies faults, so every fault's effect is counted exactly where it happens.
/// </summary>
internal sealed partial class MarketDataConnection : VenueConnection
{
    private readonly MessageLog _log;
    private readonly StreamCatalog _catalog;
    private readonly object _subscriptionGate = new();
    private readonly List<int> _subscribedSlots = [];
    private readonly ConcurrentQueue<byte[]> _replies = new();
    private readonly long[] _streamMessages;
    private readonly long[] _streamFirstId;
    private readonly long[] _streamLastId;
    private ushort[] _masks; // per instrument: subscribed StreamKind bits (copy-on-write)
    private volatile bool _combined;
    private long _cursor;
    private readonly long _startCursor;
    private long _messagesSent, _bytesSent, _pingsSent, _pongsSent;
    private volatile bool _clearPending;

    public MarketDataConnection(VenueRuntime venue, HttpContext http, Stream stream, int id, bool combined, string? tag)
        : base(venue, http, stream, id, tag)
    {
        _log = venue.Log;
        _catalog = venue.Catalog;
        _combined = combined;
        Path = http.Request.Path + http.Request.QueryString;
        _masks = new ushort[_catalog.Instruments.Count];
        _streamMessages = new long[_catalog.SlotCount];
        _streamFirstId = new long[_catalog.SlotCount];
        _streamLastId = new long[_catalog.SlotCount];
        _cursor = _startCursor = _log.Head;
    }

    public override string Channel => "market";

    public string Path { get; }

    public bool Combined => _combined;

    /// <summary>Log sequence this connection reads next (the generator's block policy waits on the slowest).</summary>
    public long Cursor => Volatile.Read(ref _cursor);

    public override void Inject(FaultRecord fault)
    {
        if (fault.Spec.Kind == FaultKind.Clear) _clearPending = true;
        _faultInbox.Enqueue(fault);
        Signal.Set();
    }

    /// <summary>Runs the connection until it ends (client close, fault, error, venue stop).</summary>
    public Task RunAsync(IReadOnlyList<int> initialSlots, CancellationToken stopping)
    {
        foreach (int slot in initialSlots) AddSubscription(slot);
        return RunConnectionAsync(stopping);
    }

    private protected override ValueTask OnEndedAsync()
    {
        FinishOpenFaults();
        _writeCancel?.Dispose();
        _writeTimer?.Dispose();
        return ValueTask.CompletedTask;
    }

    // ----- subscriptions (receive loop thread, or set-up) -----

    public bool IsSubscribed(int slot) => (Volatile.Read(ref _masks)[slot / StreamKinds.SlotsPerInstrument] & (1 << (slot % StreamKinds.SlotsPerInstrument))) != 0;

    public int SubscriptionCount { get { lock (_subscriptionGate) return _subscribedSlots.Count; } }

    public void AddSubscription(int slot)
    {
        lock (_subscriptionGate)
        {
            if (IsSubscribed(slot)) return;
            _subscribedSlots.Add(slot);
            ushort[] masks = (ushort[])_masks.Clone();
            masks[slot / StreamKinds.SlotsPerInstrument] |= (ushort)(1 << (slot % StreamKinds.SlotsPerInstrument));
            Volatile.Write(ref _masks, masks);
        }
    }

    public void RemoveSubscription(int slot)
    {
        lock (_subscriptionGate)
        {
            if (!IsSubscribed(slot)) return;
            _subscribedSlots.Remove(slot);
            ushort[] masks = (ushort[])_masks.Clone();
            masks[slot / StreamKinds.SlotsPerInstrument] &= (ushort)~(1 << (slot % StreamKinds.SlotsPerInstrument));
            Volatile.Write(ref _masks, masks);
        }
    }

    public string[] SubscriptionNames()
    {
        lock (_subscriptionGate) return _subscribedSlots.Select(_catalog.NameOf).ToArray();
    }

    public void SetCombined(bool combined) => _combined = combined;

    // ----- stats -----

    public override void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteNumber("id", Id);
        w.WriteString("channel", Channel);
        if (Tag is not null) w.WriteString("tag", Tag);
        w.WriteString("path", Path);
        w.WriteString("remote", Remote);
        w.WriteBoolean("open", IsOpen);
        w.WriteBoolean("combined", _combined);
        w.WriteString("opened", OpenedUtc);
        if (ClosedUtc is { } closed) w.WriteString("closed", closed);
        if (_closeDescription is { } why) w.WriteString("close_reason", why);
        w.WriteNumber("cursor", Cursor);
        w.WriteNumber("lag", Math.Max(0, _log.Head - Cursor));
        w.WriteNumber("messages_sent", Volatile.Read(ref _messagesSent));
        w.WriteNumber("bytes_sent", Volatile.Read(ref _bytesSent));
        w.WriteNumber("requests", Volatile.Read(ref _requests));
        w.WriteNumber("pings_sent", Volatile.Read(ref _pingsSent));
        w.WriteNumber("pongs_sent", Volatile.Read(ref _pongsSent));
        w.WriteNumber("pings_received", Volatile.Read(ref _pingsReceived));
        w.WriteNumber("pongs_received", Volatile.Read(ref _pongsReceived));
        w.WriteStartArray("subscriptions");
        foreach (string name in SubscriptionNames()) w.WriteStringValue(name);
        w.WriteEndArray();
        w.WriteStartObject("streams");
        for (int slot = 0; slot < _streamMessages.Length; slot++)
        {
            long n = Volatile.Read(ref _streamMessages[slot]);
            if (n == 0) continue;
            w.WriteStartObject(_catalog.NameOf(slot));
            w.WriteNumber("messages", n);
            w.WriteNumber("first_id", Volatile.Read(ref _streamFirstId[slot]));
            w.WriteNumber("last_id", Volatile.Read(ref _streamLastId[slot]));
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static long Now() => Stopwatch.GetTimestamp();

    private static long TicksOf(long ms) => ms * Stopwatch.Frequency / 1000;
}
