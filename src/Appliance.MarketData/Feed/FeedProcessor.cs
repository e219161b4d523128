using System.Runtime.CompilerServices;
using System.Text;
using Appliance.MarketData.Decoding;
using Appliance.MarketData.Events;
using Appliance.MarketData.Instruments;
using Appliance.Primitives.Time;

namespace Appliance.MarketData.Feed;

/// <summary>
/// The message-processing core of a feed session, apart from any transport: decode, duplicate suppression
/// and A/B arbitration by venue ids, gap detection, Binance order-book resync (buffer diffs, snapshot,
/// replay the buffer), and status events. It reads no clock and does no I/O: every input arrives through
/// a method (a payload, a connection up or down, a stale timeout, a snapshot answer, a resync request) with
/// its timestamp, and the live session journals exactly those inputs in the order it makes these calls.
/// A journal therefore drives a new processor to the same event stream, byte for byte (only
/// <see cref="MarketEvent.DecodeTimestamp"/> differs). Single-threaded: the feed thread, or the replay thread.
/// </summary>
/// <remarks>
/// Events are decoded into a staging buffer the processor owns, judged, then published whole to the sink,
/// so what the processor decides never depends on the state of the ring behind the sink.
/// </remarks>
public sealed class FeedProcessor<TSink> where TSink : struct, IFeedEventSink
{
    /// <summary>Events one message may decode to (26 levels each: 26 624 levels); larger messages are refused as malformed.</summary>
    public const int StagingEvents = 1024;

    private readonly BinanceDecoder _decoder;
    private readonly InstrumentTable _instruments;
    private readonly FeedCounters _counters;
    private readonly int _lineCount;
    private readonly int _defaultInstrument;
    private readonly bool[] _lineUp;
    private readonly long _rejoinHoldTicks;
    private readonly StreamTrack?[] _trades;
    private readonly StreamTrack?[] _aggTrades;
    private readonly StreamTrack?[] _bookTickers;
    private readonly StreamTrack?[] _partialDepth;
    private readonly DepthSync?[] _depth;
    private readonly SnapshotRequest[] _requests;
    private int _requestHead;
    private int _requestCount;
    private int _nextRequestId;
    private MarketEventBuffer _staging; // Mutable struct! Don't make this readonly.
    private TSink _sink;                // Mutable struct! Don't make this readonly.
    private MarketEvent _status;

    /// <summary>How long a (re)connected line's messages may be held back for a slower line to fill the ids before them, by default.</summary>
    public const int DefaultRejoinHoldMs = 500;

    /// <param name="streams">The session's stream names: which instruments have which id sequences and depth books.</param>
    /// <param name="lineCount">Lines arbitrated by this processor (1 for a single connection).</param>
    /// <param name="rejoinHoldMs">
    /// Arbitration: a line that (re)connects starts at the venue's present, which may be ahead of a slower line that
    /// stayed up and still has the ids in between on its way. For up to this long (per stream, from its first such
    /// message) the new line's messages that would open a hole are dropped (counted as held back) while the other
    /// line fills it; the new line joins as soon as it continues the merged stream. Past it, or with no other line
    /// up, the hole is a gap.
    /// </param>
    public FeedProcessor(InstrumentTable instruments, IReadOnlyList<string> streams, int lineCount, FeedCounters counters, TSink sink,
        BinanceTimeUnit timeUnit = BinanceTimeUnit.Milliseconds, int rejoinHoldMs = DefaultRejoinHoldMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rejoinHoldMs);
        _instruments = instruments ?? throw new ArgumentNullException(nameof(instruments));
        ArgumentNullException.ThrowIfNull(streams);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lineCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lineCount, 255);
        _counters = counters ?? throw new ArgumentNullException(nameof(counters));
        if (counters.LineCount < lineCount) throw new ArgumentException($"counters have {counters.LineCount} lines, the processor {lineCount}", nameof(counters));
        _decoder = new BinanceDecoder(instruments, timeUnit);
        _lineCount = lineCount;
        _lineUp = new bool[lineCount];
        _rejoinHoldTicks = MonoClock.FromNanoseconds(rejoinHoldMs * 1_000_000L);
        _sink = sink;
        _staging = new MarketEventBuffer(StagingEvents);

        int n = instruments.Count;
        _trades = new StreamTrack?[n];
        _aggTrades = new StreamTrack?[n];
        _bookTickers = new StreamTrack?[n];
        _partialDepth = new StreamTrack?[n];
        _depth = new DepthSync?[n];
        _requests = new SnapshotRequest[Math.Max(1, n)];
        bool arbitrated = lineCount > 1;
        var seen = new HashSet<int>();
        foreach (string name in streams)
        {
            if (!BinanceStream.TryParse(name, out BinanceStream stream, out string error)) throw new ArgumentException(error, nameof(streams));
            if (!instruments.TryGetId(Encoding.ASCII.GetBytes(stream.Symbol), out int id))
                throw new ArgumentException($"stream '{name}': '{stream.Symbol}' is not a configured instrument", nameof(streams));
            seen.Add(id);
            switch (stream.Kind)
            {
                case BinanceStreamKind.Trade: _trades[id] ??= new StreamTrack(arbitrated, lineCount); break;
                case BinanceStreamKind.AggTrade: _aggTrades[id] ??= new StreamTrack(arbitrated, lineCount); break;
                case BinanceStreamKind.BookTicker: _bookTickers[id] ??= new StreamTrack(arbitrated, lineCount); break;
                case BinanceStreamKind.PartialDepth: _partialDepth[id] ??= new StreamTrack(arbitrated, lineCount); break;
                case BinanceStreamKind.DepthDiff: _depth[id] ??= new DepthSync(arbitrated, lineCount); break;
            }
        }
        // A raw /ws partial-depth payload names no symbol; it can only be this session's one instrument.
        _defaultInstrument = seen.Count == 1 ? seen.First() : -1;
    }

    public FeedCounters Counters => _counters;

    public InstrumentTable Instruments => _instruments;

    public int LineCount => _lineCount;

    /// <summary>The sink, by reference (tests and the session read its state through it).</summary>
    public ref TSink Sink => ref _sink;

    /// <summary>The last decode failure (what a rate-limited log line reports).</summary>
    public DecodeResult LastFailure { get; private set; }

    /// <summary>Depth sync state of an instrument, or null when the session has no diff stream for it.</summary>
    public DepthSyncState? DepthState(int instrumentId) => _depth[instrumentId]?.State;

    // ---- Inputs -------------------------------------------------------------------------------------

    /// <summary>One WebSocket message from <paramref name="line"/>. Zero allocation.</summary>
    public MessageOutcome OnMessage(int line, ushort connectionId, long receiveTimestamp, ReadOnlySpan<byte> payload)
    {
        _counters.Increment(FeedCounter.Messages);
        _counters.Add(FeedCounter.PayloadBytes, payload.Length);
        _counters.Increment(line, FeedLineCounter.Messages);

        _staging.Clear();
        DecodeResult result = _decoder.Decode(payload, new DecodeContext(receiveTimestamp, connectionId, _defaultInstrument), ref _staging);
        if (!result.IsOk)
        {
            _counters.CountMalformed(result.Status);
            LastFailure = result;
            return MessageOutcome.Malformed;
        }
        if (_staging.Dropped != 0)
        {
            // More levels than the staging buffer holds: no venue sends this; refuse it whole.
            _counters.CountMalformed(DecodeStatus.InvalidLevel);
            return MessageOutcome.Malformed;
        }

        ReadOnlySpan<MarketEvent> events = _staging.Events;
        ref readonly MarketEvent first = ref events[0];
        int instrument = first.InstrumentId;
        switch (result.MessageType)
        {
            case BinanceMessageType.RequestResponse:
                _counters.Increment(FeedCounter.Responses);
                Publish(events);
                return MessageOutcome.Response;
            case BinanceMessageType.Trade:
                return Track(_trades[instrument], first.TradeId, consecutive: true, line, events);
            case BinanceMessageType.AggTrade:
                return Track(_aggTrades[instrument], first.TradeId, consecutive: true, line, events);
            case BinanceMessageType.BookTicker:
                return Track(_bookTickers[instrument], first.LastId, consecutive: false, line, events);
            case BinanceMessageType.PartialDepth:
                return Track(_partialDepth[instrument], first.LastId, consecutive: false, line, events);
            default:
                return OnDepthDiff(line, events);
        }
    }

    /// <summary>A line's connection is up: a Connected status event (detail: attempt; TradeId: line).</summary>
    public void OnConnected(int line, ushort connectionId, int attempt, long timestamp)
    {
        _counters.Increment(FeedCounter.Connects);
        _counters.Increment(line, FeedLineCounter.Connects);
        _counters.Set(line, FeedLineCounter.Connected, 1);
        _counters.Set(line, FeedLineCounter.ConnectionId, connectionId);
        _lineUp[line] = true;
        if (_lineCount > 1)
        {
            // The new connection starts wherever the venue is now: it joins each stream afresh.
            foreach (StreamTrack?[] tracks in (ReadOnlySpan<StreamTrack?[]>)[_trades, _aggTrades, _bookTickers, _partialDepth])
                foreach (StreamTrack? t in tracks) t?.Leave(line);
            foreach (DepthSync? d in _depth) d?.Arrivals.Leave(line);
        }
        EmitStatus(FeedStatus.Connected, connectionId, MarketEvent.NoInstrument, timestamp, attempt, tradeId: line);
    }

    /// <summary>
    /// A line went down (or a connect failed): a Reconnecting status event (detail: backoff ms; FirstId: the
    /// <see cref="DisconnectReason"/>; TradeId: line), except when the session is stopping.
    /// </summary>
    public void OnDisconnected(int line, ushort connectionId, DisconnectReason reason, int backoffMs, long timestamp)
    {
        _counters.Set(line, FeedLineCounter.Connected, 0);
        _lineUp[line] = false;
        if (reason == DisconnectReason.ConnectFailed)
        {
            _counters.Increment(FeedCounter.ConnectFailures);
            _counters.Increment(line, FeedLineCounter.ConnectFailures);
        }
        else if (reason != DisconnectReason.Stopped)
        {
            _counters.Increment(FeedCounter.Disconnects);
            _counters.Increment(line, FeedLineCounter.Disconnects);
        }
        if (reason == DisconnectReason.Stopped) return;
        EmitStatus(FeedStatus.Reconnecting, connectionId, MarketEvent.NoInstrument, timestamp, backoffMs, tradeId: line, firstId: (long)reason);
    }

    /// <summary>A line delivered no market message for too long: a Stale status event (detail: silence ms; TradeId: line).</summary>
    public void OnStale(int line, ushort connectionId, long silenceMs, long timestamp)
    {
        _counters.Increment(FeedCounter.Stales);
        _counters.Increment(line, FeedLineCounter.Stales);
        EmitStatus(FeedStatus.Stale, connectionId, MarketEvent.NoInstrument, timestamp, silenceMs, tradeId: line);
    }

    /// <summary>Another thread wants an instrument's book rebuilt (e.g. the strategy found it crossed).</summary>
    public void OnResyncRequested(int instrumentId, long timestamp)
    {
        _counters.Increment(FeedCounter.ResyncRequests);
        if ((uint)instrumentId >= (uint)_depth.Length || _depth[instrumentId] is not DepthSync depth) return;
        if (depth.State == DepthSyncState.Synced)
        {
            depth.State = DepthSyncState.Buffering;
            depth.Clear();
        }
        if (depth.State == DepthSyncState.Buffering && depth.OutstandingRequest == 0) RequestSnapshot(instrumentId, depth);
    }

    /// <summary>
    /// The answer to snapshot request <paramref name="requestId"/>: HTTP status (0: no answer) and body.
    /// Applies Binance's procedure: drop buffered diffs with u ≤ lastUpdateId, check that the first remaining
    /// one has U ≤ lastUpdateId+1, publish the snapshot, the remaining diffs, then Resynced.
    /// </summary>
    public void OnSnapshot(int instrumentId, int requestId, int httpStatus, ReadOnlySpan<byte> body, long timestamp)
    {
        if ((uint)instrumentId >= (uint)_depth.Length || _depth[instrumentId] is not DepthSync depth
            || depth.OutstandingRequest != requestId || depth.State != DepthSyncState.Buffering)
        {
            _counters.Increment(FeedCounter.SnapshotsIgnored);
            return;
        }
        depth.OutstandingRequest = 0;

        _staging.Clear();
        DecodeResult result = httpStatus == 200
            ? _decoder.Decode(body, new DecodeContext(timestamp, 0, instrumentId), ref _staging)
            : DecodeResult.Fail(DecodeStatus.Empty, 0);
        if (!result.IsOk || result.MessageType != BinanceMessageType.PartialDepth || _staging.Dropped != 0
            || _staging[0].InstrumentId != instrumentId)
        {
            _counters.Increment(FeedCounter.SnapshotFailures);
            RequestSnapshot(instrumentId, depth);
            return;
        }

        long snapshotId = _staging[0].LastId;
        int skip = 0;
        while (skip < depth.MessageCount && depth.Message(skip)[0].LastId <= snapshotId) skip++;
        if (skip < depth.MessageCount && depth.Message(skip)[0].FirstId > snapshotId + 1)
        {
            // The snapshot predates the oldest diff we hold: the diffs in between are gone. Ask again.
            _counters.Increment(FeedCounter.SnapshotsTooOld);
            RequestSnapshot(instrumentId, depth);
            return;
        }

        Publish(_staging.Events);
        long bookId = snapshotId;
        for (int m = skip; m < depth.MessageCount; m++)
        {
            ReadOnlySpan<MarketEvent> message = depth.Message(m);
            Publish(message);
            bookId = message[0].LastId;
        }
        _counters.Add(FeedCounter.Superseded, skip);
        depth.Clear();
        depth.BookId = bookId;
        depth.State = DepthSyncState.Synced;
        _counters.Increment(FeedCounter.Resyncs);
        EmitStatus(FeedStatus.Resynced, 0, instrumentId, timestamp, snapshotId, firstId: snapshotId, lastId: bookId);
    }

    /// <summary>Next snapshot the session should fetch (live: hand it to the fetcher; replay: ignore, the answer is journaled).</summary>
    public bool TryTakeSnapshotRequest(out SnapshotRequest request)
    {
        if (_requestCount == 0)
        {
            request = default;
            return false;
        }
        request = _requests[_requestHead];
        _requestHead = (_requestHead + 1) % _requests.Length;
        _requestCount--;
        return true;
    }

    /// <summary>
    /// Forgets every venue id and book state, as at construction (a new trading session; benchmarks that
    /// replay the same recording in a loop). Counters keep counting.
    /// </summary>
    public void Reset()
    {
        foreach (StreamTrack?[] tracks in (ReadOnlySpan<StreamTrack?[]>)[_trades, _aggTrades, _bookTickers, _partialDepth])
            for (int i = 0; i < tracks.Length; i++) tracks[i]?.Reset();
        foreach (DepthSync? depth in _depth) depth?.Reset();
        _requestHead = 0;
        _requestCount = 0;
    }

    /// <summary>Lets the sink report what it holds back (e.g. drops) when the loop has nothing else to do.</summary>
    public void Poll(long now) => _sink.Poll(now);

    // ---- Core ---------------------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private MessageOutcome Track(StreamTrack? track, long id, bool consecutive, int line, ReadOnlySpan<MarketEvent> events)
    {
        if (track is null)
        {
            // A stream this session did not subscribe to (a misrouted message): pass it on untracked.
            Forward(line, events);
            return MessageOutcome.Forwarded;
        }
        if (track.Has && id <= track.Last)
        {
            track.Join(line);
            CountCopy(track, id, line, events[0].ReceiveTimestamp);
            return MessageOutcome.Duplicate;
        }
        long expected = track.Last + 1;
        bool gap = consecutive && track.Has && id > expected;
        if (gap && HoldBack(track, line, events[0].ReceiveTimestamp)) return MessageOutcome.HeldBack;
        track.Join(line);
        track.Last = id;
        track.Has = true;
        track.RecordArrival(id, events[0].ReceiveTimestamp, line);
        Forward(line, events);
        if (gap) EmitGap(events[0].InstrumentId, events[0].ConnectionId, events[0].ReceiveTimestamp, expected, id - 1);
        return MessageOutcome.Forwarded;
    }

    private MessageOutcome OnDepthDiff(int line, ReadOnlySpan<MarketEvent> events)
    {
        ref readonly MarketEvent first = ref events[0];
        int instrument = first.InstrumentId;
        DepthSync? depth = _depth[instrument];
        if (depth is null)
        {
            Forward(line, events);
            return MessageOutcome.Forwarded;
        }

        StreamTrack arrivals = depth.Arrivals;
        long firstId = first.FirstId, lastId = first.LastId;
        if (arrivals.Has && lastId <= arrivals.Last)
        {
            arrivals.Join(line);
            CountCopy(arrivals, lastId, line, first.ReceiveTimestamp);
            return MessageOutcome.Duplicate;
        }
        long previous = arrivals.Last;
        bool hadPrevious = arrivals.Has;
        if (hadPrevious && firstId > previous + 1 && HoldBack(arrivals, line, first.ReceiveTimestamp)) return MessageOutcome.HeldBack;
        arrivals.Join(line);
        arrivals.Last = lastId;
        arrivals.Has = true;
        arrivals.RecordArrival(lastId, first.ReceiveTimestamp, line);
        _counters.Increment(line, FeedLineCounter.Wins);

        switch (depth.State)
        {
            case DepthSyncState.Synced:
                if (lastId <= depth.BookId)
                {
                    _counters.Increment(FeedCounter.Superseded);
                    return MessageOutcome.Superseded;
                }
                if (firstId > depth.BookId + 1)
                {
                    EmitGap(instrument, first.ConnectionId, first.ReceiveTimestamp, depth.BookId + 1, firstId - 1);
                    depth.State = DepthSyncState.Buffering;
                    depth.Clear();
                    Buffer(instrument, depth, events);
                    return MessageOutcome.Buffered;
                }
                Publish(events);
                _counters.Increment(FeedCounter.Forwarded);
                depth.BookId = lastId;
                return MessageOutcome.Forwarded;

            case DepthSyncState.Buffering:
                if (depth.MessageCount > 0 && hadPrevious && firstId > previous + 1)
                {
                    // A hole inside the buffer: what is held can no longer be joined to a snapshot. Start over from here.
                    EmitGap(instrument, first.ConnectionId, first.ReceiveTimestamp, previous + 1, firstId - 1);
                    depth.Clear();
                }
                Buffer(instrument, depth, events);
                return MessageOutcome.Buffered;

            default: // NeedSnapshot: the stream's first diff
                depth.State = DepthSyncState.Buffering;
                depth.Clear();
                Buffer(instrument, depth, events);
                return MessageOutcome.Buffered;
        }
    }

    private void Buffer(int instrument, DepthSync depth, ReadOnlySpan<MarketEvent> events)
    {
        _counters.Increment(FeedCounter.Buffered);
        if (!depth.TryAppend(events))
        {
            // The snapshot is taking too long: keep the newest diffs; the snapshot check decides whether they join.
            _counters.Increment(FeedCounter.DepthBufferOverflows);
            depth.Clear();
            depth.TryAppend(events);
        }
        if (depth.OutstandingRequest == 0) RequestSnapshot(instrument, depth);
    }

    private void RequestSnapshot(int instrument, DepthSync depth)
    {
        int id = ++_nextRequestId;
        depth.OutstandingRequest = id;
        // At most one request per instrument is outstanding, so the queue (one slot per instrument) never overflows.
        _requests[(_requestHead + _requestCount) % _requests.Length] = new SnapshotRequest(instrument, id);
        _requestCount++;
        _counters.Increment(FeedCounter.SnapshotRequests);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Forward(int line, ReadOnlySpan<MarketEvent> events)
    {
        _counters.Increment(line, FeedLineCounter.Wins);
        _counters.Increment(FeedCounter.Forwarded);
        Publish(events);
    }

    /// <summary>
    /// True when a message of <paramref name="line"/> that would open a hole in the merged stream is dropped
    /// instead: the line has not joined the stream since it (re)connected, another line that has is up (and may
    /// still deliver the ids in between), and the line has been held back for less than the rejoin hold.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // rare: only where a gap would open
    private bool HoldBack(StreamTrack track, int line, long receiveTimestamp)
    {
        if (track.IsJoined(line)) return false;
        bool filler = false;
        for (int other = 0; other < _lineCount; other++)
        {
            if (other != line && _lineUp[other] && track.IsJoined(other))
            {
                filler = true;
                break;
            }
        }
        if (!filler || receiveTimestamp - track.HeldSince(line, receiveTimestamp) >= _rejoinHoldTicks) return false;
        _counters.Increment(FeedCounter.HeldBack);
        _counters.Increment(line, FeedLineCounter.HeldBack);
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CountCopy(StreamTrack track, long id, int line, long receiveTimestamp)
    {
        if (track.TryFindArrival(id, out long winnerTicks, out int winner) && winner != line)
        {
            _counters.Increment(FeedCounter.Losses);
            _counters.Increment(line, FeedLineCounter.Losses);
            _counters.RecordLead(winner, MonoClock.ElapsedNanoseconds(winnerTicks, receiveTimestamp));
            return;
        }
        _counters.Increment(FeedCounter.Duplicates);
        _counters.Increment(line, FeedLineCounter.Duplicates);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Publish(ReadOnlySpan<MarketEvent> events)
    {
        _counters.Add(FeedCounter.Published, events.Length);
        _sink.Publish(events);
    }

    /// <summary>A Gap status event: FirstId..LastId are the missing venue ids, detail their count.</summary>
    private void EmitGap(int instrument, ushort connectionId, long timestamp, long firstMissing, long lastMissing)
    {
        _counters.Increment(FeedCounter.Gaps);
        _counters.Add(FeedCounter.MissingIds, lastMissing - firstMissing + 1);
        EmitStatus(FeedStatus.Gap, connectionId, instrument, timestamp, lastMissing - firstMissing + 1, firstId: firstMissing, lastId: lastMissing);
    }

    private void EmitStatus(FeedStatus status, ushort connectionId, int instrument, long timestamp, long detail,
        long tradeId = 0, long firstId = 0, long lastId = 0)
    {
        ref MarketEvent ev = ref _status;
        ev.ResetHeader();
        ev.Kind = MarketEventKind.Status;
        ev.Status = status;
        ev.InstrumentId = (ushort)instrument;
        ev.ConnectionId = connectionId;
        ev.ReceiveTimestamp = timestamp;
        ev.StatusDetail = detail;
        ev.TradeId = tradeId;
        ev.FirstId = firstId;
        ev.LastId = lastId;
        ev.DecodeTimestamp = MonoClock.Now();
        Publish(new ReadOnlySpan<MarketEvent>(ref _status));
    }
}
