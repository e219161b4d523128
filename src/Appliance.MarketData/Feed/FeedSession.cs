using System.Runtime.CompilerServices;
using System.Text;
using Appliance.Logging;
using Appliance.MarketData.Events;
using Appliance.Primitives.Rings;
using Appliance.Primitives.Threading;
using Appliance.Primitives.Time;
using Appliance.WebSockets.Connection;

namespace Appliance.MarketData.Feed;

/// <summary>
/// One feed thread serving the lines (connections) of a feed group: connect → SUBSCRIBE → stream, stale
/// detection, reconnect with backoff, and the hand-off of the processor's events into the ring. All lines
/// of a group are polled by this one thread in busy-poll mode, so A/B arbitration needs no shared state:
/// the <see cref="FeedProcessor{TSink}"/> sees every line's messages in arrival order. Every input the
/// processor gets is journaled first (payloads, connection up/down, stale timeouts, snapshot answers,
/// resync requests), which is what makes replay exact.
/// Other threads may read <see cref="Counters"/>, take a <see cref="Snapshot"/>, and ask for a
/// <see cref="RequestReconnect"/> or <see cref="RequestResync"/>; nothing else.
/// </summary>
public sealed class FeedSession : IDisposable
{
    private static int s_connectionIds;

    private readonly FeedSessionOptions _options;
    private readonly FeedLine[] _lines;
    private readonly FeedCounters _counters;
    private readonly FeedProcessor<RingEventSink> _processor;
    private readonly FeedJournal? _journal;
    private readonly SnapshotFetcher? _fetcher;
    private readonly Logger? _log;
    private readonly byte[] _description;
    private readonly int[] _resyncRequests;
    private readonly bool _spin;
    private int _resyncPending;
    private volatile bool _stopping;
    private bool _stopped;
    private volatile Exception? _fault;
    private Thread? _thread;
    private PinnedThread? _pinned;
    private int _idleRounds;
    private long _lastMalformedLog;
    private long _malformedLogged;

    public FeedSession(FeedSessionOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (options.Lines.Count == 0) throw new ArgumentException($"feed session '{options.Name}' has no lines", nameof(options));
        if (options.Lines.Count > 255) throw new ArgumentException($"feed session '{options.Name}': at most 255 lines", nameof(options));
        _log = options.Log;
        _lines = new FeedLine[options.Lines.Count];
        for (int i = 0; i < _lines.Length; i++) _lines[i] = new FeedLine(i, options.Lines[i], options.Seed);
        _counters = new FeedCounters(_lines.Length);
        var sink = new RingEventSink(options.Ring, _counters, options.Overload, options.OverloadSpin, options.Halt);
        IReadOnlyList<string> streams = options.Lines[0].Streams;
        _processor = new FeedProcessor<RingEventSink>(options.Instruments, streams, _lines.Length, _counters, sink,
            rejoinHoldMs: options.Lines[0].RejoinHoldMs);
        if (options.Journal is not null) _journal = new FeedJournal(options.Journal, _counters);
        _resyncRequests = new int[options.Instruments.Count];
        _description = Encoding.UTF8.GetBytes(new FeedGroup(options.Name, options.Lines).Describe(options.Instruments));

        var snapshotUrls = options.Lines.Where(l => !string.IsNullOrEmpty(l.SnapshotUrl)).Select(l => new Uri(l.SnapshotUrl!)).ToList();
        if (snapshotUrls.Count > 0)
        {
            int depth = options.Lines[0].SnapshotDepth;
            _fetcher = new SnapshotFetcher(snapshotUrls, options.Instruments, depth, options.SnapshotTimeout, $"{options.Name}-snapshot");
        }
        int? cpu = options.Lines[0].Cpu;
        _spin = options.Idle == FeedIdle.Spin || (options.Idle == FeedIdle.Auto && cpu is not null);
    }

    public string Name => _options.Name;

    public FeedCounters Counters => _counters;

    public SpscRing<MarketEvent> Ring => _options.Ring;

    public HaltFlag? Halt => _options.Halt;

    public IReadOnlyList<string> LineNames => _lines.Select(l => l.Config.Line).ToArray();

    /// <summary>The exception that stopped the feed thread (a bug), if any.</summary>
    public Exception? Fault => _fault;

    /// <summary>Where the feed thread ended up (CPU, policy) when it was pinned.</summary>
    public PinnedThreadReport? Placement => _pinned?.Report;

    public bool IsRunning => _thread is { IsAlive: true };

    /// <summary>Starts the feed thread (pinned to the group's CPU when one is configured).</summary>
    public void Start()
    {
        if (_thread is not null) throw new InvalidOperationException($"feed session '{Name}' already started");
        string threadName = $"feed-{Name}";
        if (_options.Lines[0].Cpu is int cpu)
        {
            _pinned = PinnedThread.Start(new PinnedThreadOptions { Name = threadName, Cpus = CpuSet.Of(cpu) }, Run);
            _thread = _pinned.Thread;
            if (_pinned.Report.Warnings.Count > 0) _log?.Warn($"feed {Name}: {string.Join("; ", _pinned.Report.Warnings)}");
        }
        else
        {
            _thread = NamedThread.Create(threadName, Run);
            _thread.Start();
        }
    }

    /// <summary>Stops the feed thread: connections are dropped (journaled as Stopped) and the thread joined.</summary>
    public void Stop(TimeSpan? timeout = null)
    {
        if (_stopped) return;
        _stopping = true;
        if (_thread is not null && !_thread.Join(timeout ?? TimeSpan.FromSeconds(10)))
            throw new TimeoutException($"feed session '{Name}' did not stop within {timeout ?? TimeSpan.FromSeconds(10)}");
        _fetcher?.Dispose();
        _stopped = true;
    }

    public void Dispose() => Stop();

    /// <summary>Any thread: drop and re-establish a line's connection (all lines when <paramref name="line"/> is null). False if no such line.</summary>
    public bool RequestReconnect(string? line = null)
    {
        bool found = false;
        foreach (FeedLine l in _lines)
        {
            if (line is not null && l.Config.Line != line && l.Config.Name != line) continue;
            Volatile.Write(ref l.ReconnectRequested, 1);
            found = true;
        }
        return found;
    }

    /// <summary>Any thread: rebuild an instrument's book from a fresh snapshot (e.g. the strategy found it crossed).</summary>
    public void RequestResync(int instrumentId)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)instrumentId, (uint)_resyncRequests.Length, nameof(instrumentId));
        Volatile.Write(ref _resyncRequests[instrumentId], 1);
        Volatile.Write(ref _resyncPending, 1);
    }

    // ---- The feed thread ----------------------------------------------------------------------------

    private void Run()
    {
        try
        {
            long now = MonoClock.Now();
            _journal?.SessionStart(now, _description);
            foreach (FeedLine line in _lines) line.NextAttemptTicks = now;
            long rounds = 0;
            while (!_stopping)
            {
                now = MonoClock.Now();
                int received = 0;
                for (int i = 0; i < _lines.Length; i++) received += Poll(_lines[i], now);
                ServiceHelpers();
                if (received == 0)
                {
                    _processor.Poll(now);
                    Idle();
                }
                else
                {
                    _idleRounds = 0;
                }
                if ((++rounds & 255) == 0)
                {
                    _counters.Set(FeedCounter.LoopRounds, rounds);
                    _counters.Set(FeedCounter.FeedThreadAllocatedBytes, GC.GetAllocatedBytesForCurrentThread());
                }
            }
            _counters.Set(FeedCounter.FeedThreadAllocatedBytes, GC.GetAllocatedBytesForCurrentThread());
        }
        catch (Exception e)
        {
            // A bug on the feed thread: keep the process up, say so loudly, and let the host's watchdog act.
            _fault = e;
            _log?.Write(Microsoft.Extensions.Logging.LogLevel.Critical, $"feed {Name}: feed thread failed: {e}");
        }
        finally
        {
            long now = MonoClock.Now();
            foreach (FeedLine line in _lines) Shut(line, now);
        }
    }

    private int Poll(FeedLine line, long now)
    {
        switch (line.State)
        {
            case FeedLineState.Waiting:
                if (now >= line.NextAttemptTicks) StartConnect(line);
                return 0;
            case FeedLineState.Connecting:
                if (line.Connecting!.IsCompleted) FinishConnect(line, now);
                return 0;
            case FeedLineState.Streaming:
                if (Volatile.Read(ref line.ReconnectRequested) != 0)
                {
                    Volatile.Write(ref line.ReconnectRequested, 0);
                    _counters.Increment(FeedCounter.ReconnectRequests);
                    Down(line, DisconnectReason.Requested, now);
                    return 0;
                }
                var handler = new LineHandler(this, line);
                ReceiveStatus status = line.Connection!.Receive(ref handler);
                if (status != ReceiveStatus.Open)
                {
                    Down(line, status == ReceiveStatus.Closed ? DisconnectReason.ClosedByServer : DisconnectReason.Failed, MonoClock.Now());
                }
                else if (now - line.LastMarketTicks > line.StaleTicks)
                {
                    long silenceMs = MonoClock.ElapsedNanoseconds(line.LastMarketTicks, now) / 1_000_000;
                    _journal?.Stale(line.Index, line.ConnectionId, silenceMs, now);
                    _processor.OnStale(line.Index, line.ConnectionId, silenceMs, now);
                    _log?.Warn($"feed {Name} line {line.Config.Line}: no market data for {silenceMs} ms, reconnecting");
                    Down(line, DisconnectReason.Stale, now);
                }
                return handler.Count;
            default:
                return 0;
        }
    }

    /// <summary>One message from a line: journal it, then process it. The hot path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void OnPayload(FeedLine line, ReadOnlySpan<byte> payload, long receiveTimestamp)
    {
        _journal?.Payload(line.Index, line.ConnectionId, receiveTimestamp, payload);
        MessageOutcome outcome = _processor.OnMessage(line.Index, line.ConnectionId, receiveTimestamp, payload);
        _counters.Set(line.Index, FeedLineCounter.LastMessageTicks, receiveTimestamp);
        if (outcome >= MessageOutcome.Forwarded)
        {
            line.LastMarketTicks = receiveTimestamp;
            _counters.Set(line.Index, FeedLineCounter.LastMarketTicks, receiveTimestamp);
            if (!line.DeliveredMarketData)
            {
                line.DeliveredMarketData = true;
                line.Failures = 0;
            }
        }
        else if (outcome == MessageOutcome.Malformed)
        {
            LogMalformed(line, payload, receiveTimestamp);
        }
    }

    // At most one line a second; the counters have the totals.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void LogMalformed(FeedLine line, ReadOnlySpan<byte> payload, long now)
    {
        long total = _counters[FeedCounter.Malformed];
        if (_log is null || now - _lastMalformedLog < MonoClock.Frequency) return;
        var failure = _processor.LastFailure;
        ReadOnlySpan<byte> head = payload[..Math.Min(payload.Length, 120)];
        _log.Warn($"feed {Name} line {line.Config.Line}: {total - _malformedLogged} malformed message(s) since the last report; last: {failure.Status} at byte {failure.Offset} of {payload.Length}: {head}");
        _lastMalformedLog = now;
        _malformedLogged = total;
    }

    private void StartConnect(FeedLine line)
    {
        line.State = FeedLineState.Connecting;
        line.Attempts++;
        _counters.Set(line.Index, FeedLineCounter.State, (long)FeedLineState.Connecting);
        // The connect blocks (TCP, TLS, HTTP upgrade) on its own thread; this thread keeps serving the other lines.
        line.Connecting = WebSocketClient.ConnectAsync(line.Url, line.Options);
    }

    private void FinishConnect(FeedLine line, long now)
    {
        Task<WebSocketConnection> task = line.Connecting!;
        line.Connecting = null;
        if (!task.IsCompletedSuccessfully)
        {
            line.Failures++;
            int backoff = line.Backoff.NextDelayMs(line.Failures);
            _journal?.Disconnected(line.Index, 0, DisconnectReason.ConnectFailed, backoff, now);
            _processor.OnDisconnected(line.Index, 0, DisconnectReason.ConnectFailed, backoff, now);
            Wait(line, now, backoff);
            string why = task.Exception?.InnerException?.Message ?? "cancelled";
            _log?.Warn($"feed {Name} line {line.Config.Line}: connect attempt {line.Attempts} to {line.Url} failed ({why}); next in {backoff} ms");
            return;
        }

        WebSocketConnection connection = task.Result;
        line.Connection = connection;
        line.ConnectionId = NextConnectionId();
        line.DeliveredMarketData = false;
        _journal?.Connected(line.Index, line.ConnectionId, line.Attempts, now);
        _processor.OnConnected(line.Index, line.ConnectionId, line.Attempts, now);
        line.Attempts = 0;
        connection.SendText(line.BuildSubscribe());
        line.LastMarketTicks = now;
        line.State = FeedLineState.Streaming;
        _counters.Set(line.Index, FeedLineCounter.State, (long)FeedLineState.Streaming);
        _log?.Info($"feed {Name} line {line.Config.Line}: connected to {line.Url} (connection {line.ConnectionId}), subscribing to {line.Config.Streams.Count} stream(s)");
    }

    private void Down(FeedLine line, DisconnectReason reason, long now)
    {
        WebSocketConnection? connection = line.Connection;
        line.Connection = null;
        int backoff = 0;
        if (reason != DisconnectReason.Stopped)
        {
            line.Failures++;
            backoff = line.Backoff.NextDelayMs(line.Failures);
        }
        _journal?.Disconnected(line.Index, line.ConnectionId, reason, backoff, now);
        _processor.OnDisconnected(line.Index, line.ConnectionId, reason, backoff, now);
        string outcome = connection?.DescribeOutcome() ?? "";
        connection?.Abort();
        connection?.Dispose();
        if (reason == DisconnectReason.Stopped)
        {
            line.State = FeedLineState.Stopped;
            _counters.Set(line.Index, FeedLineCounter.State, (long)FeedLineState.Stopped);
            return;
        }
        Wait(line, now, backoff);
        _log?.Warn($"feed {Name} line {line.Config.Line}: connection {line.ConnectionId} down ({reason}: {outcome}); reconnecting in {backoff} ms");
    }

    private void Wait(FeedLine line, long now, int backoffMs)
    {
        line.State = FeedLineState.Waiting;
        line.NextAttemptTicks = now + MonoClock.FromNanoseconds(backoffMs * 1_000_000L);
        _counters.Set(line.Index, FeedLineCounter.State, (long)FeedLineState.Waiting);
    }

    private void Shut(FeedLine line, long now)
    {
        if (line.State == FeedLineState.Streaming)
        {
            Down(line, DisconnectReason.Stopped, now);
            return;
        }
        if (line.Connecting is { } connecting)
        {
            // Not ours to wait for: dispose whatever it produces.
            connecting.ContinueWith(static t => { if (t.IsCompletedSuccessfully) t.Result.Dispose(); }, TaskScheduler.Default);
            line.Connecting = null;
        }
        line.State = FeedLineState.Stopped;
        _counters.Set(line.Index, FeedLineCounter.State, (long)FeedLineState.Stopped);
    }

    /// <summary>Snapshot requests out, answers in, resync requests from other threads.</summary>
    private void ServiceHelpers()
    {
        while (_processor.TryTakeSnapshotRequest(out SnapshotRequest request))
        {
            if (_fetcher is null || !_fetcher.TryRequest(request))
                _log?.Warn($"feed {Name}: snapshot request {request.RequestId} for instrument {request.InstrumentId} could not be queued");
        }
        if (_fetcher is not null)
        {
            while (_fetcher.TryTakeResult(out SnapshotResult? result))
            {
                long now = MonoClock.Now();
                ReadOnlySpan<byte> body = result!.Body.AsSpan(0, result.Length);
                _journal?.Snapshot(result.InstrumentId, result.RequestId, result.HttpStatus, body, now);
                _processor.OnSnapshot(result.InstrumentId, result.RequestId, result.HttpStatus, body, now);
                if (result.Error is not null) _log?.Warn($"feed {Name}: depth snapshot failed: {result.Error}");
            }
        }
        if (Volatile.Read(ref _resyncPending) != 0)
        {
            Volatile.Write(ref _resyncPending, 0);
            for (int i = 0; i < _resyncRequests.Length; i++)
            {
                if (Interlocked.Exchange(ref _resyncRequests[i], 0) == 0) continue;
                long now = MonoClock.Now();
                _journal?.ResyncRequested(i, now);
                _processor.OnResyncRequested(i, now);
            }
        }
    }

    private void Idle()
    {
        if (_spin) return; // the next round's recv is the poll
        int n = ++_idleRounds;
        if (n < 64) Thread.SpinWait(20);
        else if (n < 1000) Thread.Yield();
        else Thread.Sleep(1);
    }

    private static ushort NextConnectionId()
    {
        while (true)
        {
            var id = (ushort)Interlocked.Increment(ref s_connectionIds);
            if (id != 0) return id;
        }
    }

    // ---- Other threads ------------------------------------------------------------------------------

    /// <summary>Per-feed state for the admin socket. Any thread; allocates (cold).</summary>
    public FeedSessionSnapshot Snapshot()
    {
        long now = MonoClock.Now();
        FeedCounters c = _counters;
        var lines = new FeedLineSnapshot[_lines.Length];
        for (int i = 0; i < lines.Length; i++)
        {
            FeedLine l = _lines[i];
            long leadCount = c.Line(i, FeedLineCounter.LeadCount);
            lines[i] = new FeedLineSnapshot(
                l.Config.Name, l.Config.Line, l.Config.Url,
                ((FeedLineState)c.Line(i, FeedLineCounter.State)).ToString(),
                c.Line(i, FeedLineCounter.Connected) != 0,
                (int)c.Line(i, FeedLineCounter.ConnectionId),
                AgeMs(now, c.Line(i, FeedLineCounter.LastMessageTicks)),
                AgeMs(now, c.Line(i, FeedLineCounter.LastMarketTicks)),
                c.Line(i, FeedLineCounter.Messages),
                c.Line(i, FeedLineCounter.Wins),
                c.Line(i, FeedLineCounter.Losses),
                c.Line(i, FeedLineCounter.HeldBack),
                c.Line(i, FeedLineCounter.Duplicates),
                c.Line(i, FeedLineCounter.Connects),
                c.Line(i, FeedLineCounter.ConnectFailures),
                c.Line(i, FeedLineCounter.Disconnects),
                c.Line(i, FeedLineCounter.Stales),
                leadCount,
                leadCount == 0 ? 0 : c.Line(i, FeedLineCounter.LeadSumNs) / 1000.0 / leadCount,
                c.Line(i, FeedLineCounter.LeadMaxNs) / 1000.0);
        }
        return new FeedSessionSnapshot(
            Name, IsRunning, _fault?.Message, lines,
            c[FeedCounter.Messages], c[FeedCounter.Malformed], c[FeedCounter.Forwarded], c[FeedCounter.Published],
            c[FeedCounter.Gaps], c[FeedCounter.MissingIds], c[FeedCounter.Duplicates], c[FeedCounter.Losses],
            c[FeedCounter.Resyncs], c[FeedCounter.SnapshotRequests], c[FeedCounter.SnapshotFailures],
            c[FeedCounter.Disconnects] + c[FeedCounter.ConnectFailures], c[FeedCounter.Stales],
            c[FeedCounter.RingDrops], Ring.HighWaterMark, Ring.Capacity, c[FeedCounter.JournalDrops],
            _options.Halt?.IsRaised ?? false, c[FeedCounter.FeedThreadAllocatedBytes]);
    }

    private static double AgeMs(long now, long ticks) => ticks == 0 ? -1 : Math.Round(MonoClock.ElapsedNanoseconds(ticks, now) / 1e6, 3);

    private struct LineHandler(FeedSession session, FeedLine line) : IWebSocketMessageHandler
    {
        public int Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp)
        {
            Count++;
            session.OnPayload(line, payload, receiveTimestamp);
        }
    }
}
