using System.Numerics;
using Appliance.Venue.Faults;
using Appliance.Venue.Streams;
using Appliance.Venue.WebSockets;

namespace Appliance.Venue.Connections;

// The sender: the only code that writes to the socket.
internal sealed partial class MarketDataConnection
{
    private const int FlushThreshold = 192 * 1024;
    private const int HistorySize = 4096;

    private byte[] _buffer = new byte[256 * 1024];
    private int _length;
    private long _bufferedMessages;

    // Fault state: sender only.
    private FaultRecord? _stall;
    private long _stallUntil;
    private FaultRecord? _slow;
    private long _slowUntil;
    private readonly List<GapState> _gaps = [];
    private readonly (long Sequence, int Slot)[] _history = new (long, int)[HistorySize];
    private long _historyCount;
    private bool _closeSent;
    private long _closeDeadline;
    private CancellationTokenSource? _writeTimer;  // fires when one write has been blocked for the write timeout
    private CancellationTokenSource? _writeCancel; // the timer or the connection ending

    private sealed class GapState(FaultRecord record, int instrument, ushort kinds, int remaining)
    {
        public FaultRecord Record { get; } = record;
        public int Instrument { get; } = instrument;
        public ushort Kinds { get; } = kinds;
        public int Remaining { get; set; } = remaining;
    }

    private protected override async Task SendLoopAsync()
    {
        TimeSpan pingInterval = _venue.Options.PingInterval;
        long nextPing = pingInterval > TimeSpan.Zero ? Now() + (long)(pingInterval.TotalSeconds * System.Diagnostics.Stopwatch.Frequency) : long.MaxValue;
        while (true)
        {
            if (_ended.IsCancellationRequested)
            {
                if (_venueStopping && !_closeSent) await WriteFinalAsync(ServerFrames.Close(1001, "venue stopping"));
                return;
            }

            while (_faultInbox.TryDequeue(out FaultRecord? fault))
            {
                if (!await ApplyFaultAsync(fault)) return;
            }

            long now = Now();
            if (_stall is not null && now >= _stallUntil) EndStall("done");
            if (_slow is not null && now >= _slowUntil) EndSlow("done");

            bool stalled = _stall is not null;
            bool controlAllowed = !stalled || _stall!.Spec.Pings;
            while (_controls.TryDequeue(out byte[]? control))
            {
                if (controlAllowed) { Append(control); _pongsSent++; }
            }
            if (now >= nextPing)
            {
                if (controlAllowed)
                {
                    Append(ServerFrames.Frame(ServerFrames.OpPing, []));
                    _pingsSent++;
                }
                nextPing = now + (long)(pingInterval.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
            }
            if (!stalled)
            {
                while (_replies.TryDequeue(out byte[]? reply)) Append(reply);
            }

            if (_clientClosed)
            {
                // The client started the close handshake: echo it (once) and end.
                if (!_closeSent) Append(_closeReply ?? ServerFrames.Close(1000, ""));
                _closeSent = true;
                _closeDescription ??= "closed by the client";
                await FlushAsync();
                return;
            }
            if (_closeSent && now >= _closeDeadline)
            {
                _closeDescription ??= "close handshake timed out";
                return;
            }

            if (!_closeSent)
            {
                long head = _log.Head;
                if (stalled) Withhold(head);
                else if (!FrameFromLog(head))
                {
                    // Fell a whole log behind. Binance closes slow clients; a close frame tells this one why.
                    await WriteFinalAsync(ServerFrames.Close(1008, "slow consumer"));
                    return;
                }
            }

            if (_length > 0)
            {
                await FlushAsync();
                continue;
            }

            long wake = Math.Min(nextPing, Math.Min(_stall is null ? long.MaxValue : _stallUntil, _slow is null ? long.MaxValue : _slowUntil));
            if (_closeSent) wake = Math.Min(wake, _closeDeadline);
            Task signal = Signal.WaitAsync();
            try
            {
                if (wake == long.MaxValue) await signal.WaitAsync(_ended.Token).ConfigureAwait(false);
                else
                {
                    long ms = Math.Max(1, (wake - Now()) * 1000 / System.Diagnostics.Stopwatch.Frequency + 1);
                    await signal.WaitAsync(TimeSpan.FromMilliseconds(Math.Min(ms, int.MaxValue)), _ended.Token).ConfigureAwait(false);
                }
            }
            catch (TimeoutException) { }
            catch (OperationCanceledException) { } // the loop's first check ends it
        }
    }

    /// <summary>Frames subscribed messages from the cursor up to <paramref name="head"/> or a full buffer. False: lapped.</summary>
    private bool FrameFromLog(long head)
    {
        long seq = _cursor;
        while (seq < head && _length < FlushThreshold)
        {
            LogEntry entry = _log.EntryAt(seq);
            if (entry.Sequence != seq) return Lapped(seq);
            if ((entry.Kinds & StreamKinds.Verbatim) != 0)
            {
                AppendMessage(_log.PayloadOf(entry), prefix: default, slot: -1);
                _history[_historyCount++ & (HistorySize - 1)] = (seq, -1);
            }
            else
            {
                uint bits = (uint)(entry.Kinds & _masks[entry.Instrument]);
                while (bits != 0)
                {
                    int kind = BitOperations.TrailingZeroCount(bits);
                    bits &= bits - 1;
                    int slot = entry.Instrument * StreamKinds.SlotsPerInstrument + kind;
                    if (_gaps.Count > 0 && Skip(slot, entry)) continue;
                    AppendMessage(_log.PayloadOf(entry), _combined ? _catalog.CombinedPrefixOf(slot) : default, slot);
                    Count(slot, entry);
                    _history[_historyCount++ & (HistorySize - 1)] = (seq, slot);
                }
            }
            if (!_log.IsIntact(entry, seq)) return Lapped(seq);
            seq++;
            Volatile.Write(ref _cursor, seq);
        }
        return true;
    }

    private bool Lapped(long seq)
    {
        Interlocked.Increment(ref _venue.SlowConsumerDrops);
        _closeDescription = $"slow consumer: fell a whole log behind at message {seq} (log head {_log.Head})";
        _length = 0; // what was framed may have been overwritten
        return false;
    }

    // A last frame on the way out, bounded in time: the connection ends whether or not it gets through.
    private async Task WriteFinalAsync(byte[] frame)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await _stream.WriteAsync(frame, timeout.Token);
            _closeSent = true;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException or Microsoft.AspNetCore.Connections.ConnectionResetException)
        {
            // Already gone.
        }
    }

    private void Count(int slot, in LogEntry entry)
    {
        if (_streamMessages[slot] == 0) Volatile.Write(ref _streamFirstId[slot], entry.FirstId);
        Volatile.Write(ref _streamLastId[slot], entry.LastId);
        Volatile.Write(ref _streamMessages[slot], _streamMessages[slot] + 1);
    }

    // A stalled connection still moves its cursor (it must not hold the log), counting what it withholds.
    private void Withhold(long head)
    {
        for (long seq = _cursor; seq < head; seq++)
        {
            LogEntry entry = _log.EntryAt(seq);
            if (entry.Sequence == seq && (entry.Kinds & StreamKinds.Verbatim) == 0)
            {
                uint bits = (uint)(entry.Kinds & _masks[entry.Instrument]);
                while (bits != 0)
                {
                    int kind = BitOperations.TrailingZeroCount(bits);
                    bits &= bits - 1;
                    _stall!.AddWithheld(_catalog.NameOf(entry.Instrument * StreamKinds.SlotsPerInstrument + kind), entry.FirstId, entry.LastId);
                }
            }
            else if (entry.Sequence == seq) _stall!.AddWithheld("verbatim", 0, 0);
        }
        Volatile.Write(ref _cursor, head);
    }

    private bool Skip(int slot, in LogEntry entry)
    {
        int kind = slot % StreamKinds.SlotsPerInstrument;
        for (int i = 0; i < _gaps.Count; i++)
        {
            GapState gap = _gaps[i];
            if ((gap.Kinds & (1 << kind)) == 0 || (gap.Instrument >= 0 && gap.Instrument != entry.Instrument)) continue;
            gap.Record.Start();
            gap.Record.AddSkipped(_catalog.NameOf(slot), entry.FirstId, entry.LastId);
            if (--gap.Remaining == 0)
            {
                gap.Record.Finish();
                _gaps.RemoveAt(i);
            }
            return true;
        }
        return false;
    }

    private void AppendMessage(ReadOnlySpan<byte> payload, ReadOnlySpan<byte> prefix, int slot)
    {
        long length = payload.Length + (prefix.IsEmpty ? 0 : prefix.Length + 1);
        int size = ServerFrames.HeaderSize(length) + (int)length;
        EnsureRoom(size);
        int pos = _length;
        pos += ServerFrames.WriteHeader(_buffer.AsSpan(pos), ServerFrames.OpText, length);
        if (!prefix.IsEmpty)
        {
            prefix.CopyTo(_buffer.AsSpan(pos));
            pos += prefix.Length;
        }
        payload.CopyTo(_buffer.AsSpan(pos));
        pos += payload.Length;
        if (!prefix.IsEmpty) _buffer[pos++] = (byte)'}';
        _length = pos;
        _bufferedMessages++;
    }

    private void Append(ReadOnlySpan<byte> frame)
    {
        EnsureRoom(frame.Length);
        frame.CopyTo(_buffer.AsSpan(_length));
        _length += frame.Length;
    }

    private void EnsureRoom(int size)
    {
        if (_length + size > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + size));
    }

    private async Task FlushAsync()
    {
        if (_length == 0) return;
        int length = _length;
        if (_slow is not null) await TrickleAsync(length);
        else if (_log.Policy == SlowConsumerPolicy.Block) await _stream.WriteAsync(_buffer.AsMemory(0, length), _ended.Token);
        else
        {
            // A client that stops reading blocks the write: past the timeout it is a slow consumer and goes. The
            // timer has its own source: cancelling the write makes Kestrel abort the connection, and the receive
            // loop may see that (and end the connection) before this catch runs.
            _writeTimer ??= new CancellationTokenSource();
            _writeCancel ??= CancellationTokenSource.CreateLinkedTokenSource(_ended.Token, _writeTimer.Token);
            _writeTimer.CancelAfter(_venue.Options.WriteTimeout);
            try
            {
                await _stream.WriteAsync(_buffer.AsMemory(0, length), _writeCancel.Token);
            }
            catch (Exception) when (_writeTimer.IsCancellationRequested)
            {
                _closeDescription = $"slow consumer: a write was blocked for {_venue.Options.WriteTimeout.TotalSeconds:0.###} s";
                Interlocked.Increment(ref _venue.SlowConsumerDrops); // after the reason: a reader of the count sees it
                _http.Abort();
                throw new OperationCanceledException(_closeDescription);
            }
            _writeTimer.CancelAfter(Timeout.Infinite);
        }
        _length = 0;
        Interlocked.Add(ref _bytesSent, length);
        Interlocked.Add(ref _messagesSent, _bufferedMessages);
        _bufferedMessages = 0;
        if (_buffer.Length > 1024 * 1024) _buffer = new byte[256 * 1024]; // give back what an oversize burst took
    }

    private async Task TrickleAsync(int length)
    {
        FaultRecord slow = _slow!;
        int chunk = slow.Spec.ChunkBytes;
        for (int pos = 0; pos < length; pos += chunk)
        {
            if (_clearPending || Now() >= _slowUntil || _ended.IsCancellationRequested)
            {
                // The slow spell is over: the rest goes at full speed.
                await _stream.WriteAsync(_buffer.AsMemory(pos, length - pos), _ended.Token);
                return;
            }
            int n = Math.Min(chunk, length - pos);
            await _stream.WriteAsync(_buffer.AsMemory(pos, n), _ended.Token);
            await _stream.FlushAsync(_ended.Token);
            slow.AddSent(0, n);
            if (slow.Spec.IntervalMs > 0) await Task.Delay(slow.Spec.IntervalMs, _ended.Token);
        }
    }
}
