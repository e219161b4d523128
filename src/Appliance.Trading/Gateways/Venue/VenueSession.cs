using System.Buffers;
using System.Text.Json;
using Appliance.Logging;
using Appliance.MarketData.Instruments;
using Appliance.Primitives.Rings;
using Appliance.Primitives.Threading;
using Appliance.Primitives.Time;
using Appliance.Trading.Config;
using Appliance.Trading.Orders;
using Appliance.Trading.Risk;
using Appliance.WebSockets.Connection;

namespace Appliance.Trading.Gateways.Venue;

/// <summary>
/// The venue gateway's session thread: owns the connection, the order mirror, the request rate and
/// reconciliation. Commands arrive from the strategy thread through one SPSC ring, reports go back through
/// another; parsed venue messages come from the receive thread through a third. Everything else is this
/// thread's alone, so nothing here locks except the status copy for operators.
/// </summary>
/// <remarks>
/// Transport failures (connect errors, a dropped connection, a request unanswered past the timeout) are
/// retried: reconnect with exponential backoff, log in, reconcile, resume. Venue refusals are not retried
/// (they are answers): they go back to the strategy as rejections — except 10029 (rate limited, nothing
/// done), which is re-sent once the rate allows. Inserts are idempotent by client order id, so a re-sent
/// insert can never make a second order.
/// </remarks>
internal sealed partial class VenueSession
{
    private readonly VenueGatewayConfig _config;
    private readonly InstrumentTable _instruments;
    private readonly string _apiKey;
    private readonly Logger? _log;
    private readonly CpuSet? _cpus;
    private readonly SpscRing<OrderCommand> _commands;
    private readonly SpscRing<ExecutionReport> _reports;
    private readonly SpscRing<VenueMessage> _inbound;
    private readonly Dictionary<long, MirrorOrder> _mirror = new(1024);
    private readonly Dictionary<long, PendingRequest> _pending = new(256);
    private readonly Queue<long> _sendQueue = new(1024);
    private readonly Queue<(RequestKind Kind, long ClientOrderId)> _control = new(64);
    private readonly List<int> _cancelAll = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _json;
    private readonly Lock _statusLock = new();
    private readonly long _timeoutNs;
    private readonly long _resendWindowNs;
    private TokenBucket _rate; // Mutable struct! Don't make this readonly.
    private WebSocketConnection? _connection;
    private Thread? _receiveThread;
    private Thread? _thread;
    private volatile bool _stopping;
    private SessionPhase _phase;
    private long _nextRequestId;
    private long _backoffMs;
    private long _rateRetryAtNs;
    private long _lastPruneNs;
    private readonly List<long> _pruneScratch = new();

    // Counters (written here, read through Status).
    private long _connects, _disconnects, _requestsSent, _rateLimited, _resent, _reconciliations, _differences;
    private string? _lastError;
    private List<string> _lastReconciliation = [];

    public VenueSession(VenueGatewayOptions options, SpscRing<OrderCommand> commands, SpscRing<ExecutionReport> reports)
    {
        _config = options.Config;
        _instruments = options.Instruments;
        _apiKey = options.ApiKey;
        _log = options.Log;
        _cpus = options.Cpus;
        _commands = commands;
        _reports = reports;
        _inbound = new SpscRing<VenueMessage>(options.RingCapacity, "venue receive → session");
        _json = new Utf8JsonWriter(_buffer);
        _timeoutNs = _config.RequestTimeoutMs * 1_000_000L;
        _resendWindowNs = _config.ResendWindowMs * 1_000_000L;
        _rate = new TokenBucket(_config.RequestsPerSecond, _config.RequestBurst);
        _backoffMs = _config.ReconnectInitialMs;
    }

    private enum SessionPhase
    {
        Disconnected,
        LoggingIn,
        /// <summary>Open orders asked for; queries for what they did not show may follow.</summary>
        ReconcilingOrders,
        /// <summary>Orders settled; positions asked for.</summary>
        ReconcilingPositions,
        Ready,
    }

    public bool IsReady => _phase == SessionPhase.Ready;

    public void Start()
    {
        _thread = NamedThread.Create("venue-gateway", Run);
        _thread.Start();
    }

    public void Stop()
    {
        _stopping = true;
        _connection?.Close(1001, "gateway stopping");
        _thread?.Join(TimeSpan.FromSeconds(10));
    }

    public VenueGatewayStatus Status
    {
        get
        {
            lock (_statusLock)
                return new VenueGatewayStatus(_connection is not null && _phase != SessionPhase.Disconnected, _phase == SessionPhase.Ready,
                    _connects, _disconnects, _requestsSent, _rateLimited, _resent, _reconciliations, _differences, _lastReconciliation, _lastError);
        }
    }

    private static long Now() => MonoClock.ToNanoseconds(MonoClock.Now());

    private void Run()
    {
        if (_cpus is { } cpus) CpuAffinity.PinCurrentThread(cpus);
        int idle = 0;
        while (!_stopping)
        {
            if (_phase == SessionPhase.Disconnected && !Connect())
            {
                DrainCommandsOffline();
                Backoff();
                continue;
            }
            bool worked = DrainInbound();
            if (_phase == SessionPhase.Disconnected) continue;
            worked |= DrainCommands();
            worked |= SendQueued();
            CheckTimeouts();
            if (worked) { idle = 0; continue; }
            Idle(ref idle);
        }
        _connection?.Close(1001, "gateway stopping");
        _receiveThread?.Join(TimeSpan.FromSeconds(5));
        _connection?.Dispose();
    }

    private void Idle(ref int idle)
    {
        idle++;
        if (_config.BusySpin || idle < 200) Thread.SpinWait(20);
        else if (idle < 400) Thread.Yield();
        else Thread.Sleep(1);
    }

    private bool Connect()
    {
        try
        {
            var options = new WebSocketClientOptions
            {
                Name = "venue-order-entry",
                ConnectTimeout = TimeSpan.FromSeconds(5),
                HandshakeTimeout = TimeSpan.FromSeconds(5),
                KeepAliveInterval = TimeSpan.FromSeconds(5),
                IdleTimeout = TimeSpan.FromSeconds(30),
            };
            WebSocketConnection connection = WebSocketClient.Connect(new Uri(_config.Url), options);
            _connection = connection;
            var receiver = new VenueReceiver(_inbound, _instruments);
            _receiveThread = NamedThread.Create("venue-receive", () =>
            {
                if (_cpus is { } cpus) CpuAffinity.PinCurrentThread(cpus);
                VenueReceiver r = receiver;
                connection.Run(ref r);
                r.Emit(new VenueMessage { Kind = VenueMessageKind.Disconnected, RequestId = -1 });
            });
            _receiveThread.Start();
            lock (_statusLock) _connects++;
            _log?.Info($"venue gateway: connected to {_config.Url}");
            _phase = SessionPhase.LoggingIn;
            SendLogin();
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            SetError($"connect to {_config.Url} failed: {e.Message}");
            return false;
        }
    }

    private void Backoff()
    {
        long until = Now() + _backoffMs * 1_000_000L;
        while (!_stopping && Now() < until)
        {
            DrainCommandsOffline();
            Thread.Sleep(Math.Min(10, (int)_backoffMs));
        }
        _backoffMs = Math.Min(_backoffMs * 2, _config.ReconnectMaxMs);
    }

    /// <summary>
    /// The connection is gone (the receive thread's last message said so, after everything it received):
    /// requests in flight have unknown outcomes, to be learned by reconciliation on the next connection.
    /// </summary>
    private void OnDisconnected()
    {
        if (_phase == SessionPhase.Disconnected) return;
        bool wasReady = _phase == SessionPhase.Ready;
        _phase = SessionPhase.Disconnected;
        string why = _connection?.DescribeOutcome() ?? "closed";
        lock (_statusLock) _disconnects++;
        SetError($"disconnected: {why}");
        _pending.Clear();
        _control.Clear();
        foreach (MirrorOrder o in _mirror.Values)
        {
            o.CancelSent = false;
            o.AmendSent = false;
        }
        _receiveThread?.Join(TimeSpan.FromSeconds(5));
        _connection?.Dispose();
        _connection = null;
        if (wasReady) Report(new ExecutionReport { Kind = ExecutionReportKind.Connection, Quantity = 0 });
    }

    /// <summary>A send failed or a request timed out: drop the connection; the receive thread reports the end.</summary>
    private void Recycle(string why)
    {
        SetError(why);
        _connection?.Abort();
    }

    /// <summary>Forgets orders that ended more than a minute ago.</summary>
    private void Prune(long now)
    {
        _lastPruneNs = now;
        _pruneScratch.Clear();
        foreach (MirrorOrder o in _mirror.Values)
            if (o.State == MirrorState.Done && now - o.DoneAtNs > 60_000_000_000L) _pruneScratch.Add(o.ClientOrderId);
        foreach (long id in _pruneScratch) _mirror.Remove(id);
    }

    private void SetError(string message)
    {
        lock (_statusLock) _lastError = message;
        _log?.Warn($"venue gateway: {message}");
    }

    private void Report(in ExecutionReport report)
    {
        var wait = new SpinThenYieldWait();
        long seq = _reports.Claim(ref wait);
        _reports[seq] = report;
        _reports.Publish(seq);
    }

    private void CheckTimeouts()
    {
        long now = Now();
        if (now - _lastPruneNs > 1_000_000_000L) Prune(now);
        if (_pending.Count == 0) return;
        foreach (PendingRequest p in _pending.Values)
        {
            if (now - p.SentAtNs <= _timeoutNs) continue;
            Recycle($"{p.Kind} request unanswered for {_config.RequestTimeoutMs} ms: recycling the connection");
            return;
        }
    }
}
