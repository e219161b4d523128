using Appliance.Venue.Connections;
using Appliance.Venue.Faults;
using Appliance.Venue.WebSockets;

namespace Appliance.Venue.Trading;

// The sender: answers and notifications in the order they were produced, held back by delay and stall faults.
internal sealed partial class OrderEntryConnection
{
    private readonly object _delayGate = new();
    private byte[] _buffer = new byte[64 * 1024];
    private int _length;
    private FaultRecord? _delay;
    private long _delayUntil;
    private int _delayAnswersLeft;
    private FaultRecord? _stall;
    private long _stallUntil;
    private bool _closeSent;
    private long _closeDeadline;
    private volatile bool _dropNow;
    private volatile string _dropVariant = "fin";

    private void Enqueue(byte[] message, bool isAnswer)
    {
        byte[] frame = ServerFrames.Frame(ServerFrames.OpText, message);
        long notBefore = 0;
        lock (_delayGate)
        {
            if (_delay is { } delay)
            {
                long now = Now();
                if (_delayUntil != 0 && now >= _delayUntil) EndDelay("done");
                else
                {
                    notBefore = now + TicksOf(delay.Spec.DelayMs);
                    delay.AddMessage(frame.Length);
                    if (isAnswer && _delayUntil == 0 && --_delayAnswersLeft == 0) EndDelay("done");
                }
            }
        }
        _outbox.Enqueue((frame, notBefore));
        Signal.Set();
    }

    private void StartDelay(FaultRecord fault)
    {
        lock (_delayGate)
        {
            if (_delay is not null) EndDelay("replaced");
            fault.Start();
            _delay = fault;
            _delayUntil = fault.Spec.DurationMs > 0 ? Now() + TicksOf(fault.Spec.DurationMs) : 0;
            _delayAnswersLeft = fault.Spec.Count;
        }
        Signal.Set(); // the sender's wake-up now includes the end of a timed delay
    }

    private void EndDelay(string state)
    {
        _delay!.Finish(state);
        _delay = null;
    }

    private protected override async Task SendLoopAsync()
    {
        TimeSpan pingInterval = _venue.Options.PingInterval;
        long pingTicks = pingInterval > TimeSpan.Zero ? (long)(pingInterval.TotalSeconds * System.Diagnostics.Stopwatch.Frequency) : 0;
        long nextPing = pingTicks > 0 ? Now() + pingTicks : long.MaxValue;
        while (true)
        {
            if (_dropNow)
            {
                if (_dropVariant == "rst") ConnectionDrop.Reset(_http);
                return; // without a close frame, and without what is still queued
            }
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
            bool stalled = _stall is not null;
            bool controlAllowed = !stalled || _stall!.Spec.Pings;
            while (_controls.TryDequeue(out byte[]? control))
            {
                if (controlAllowed) Append(control);
            }
            if (now >= nextPing)
            {
                if (controlAllowed) Append(ServerFrames.Frame(ServerFrames.OpPing, []));
                nextPing = now + pingTicks;
            }
            if (_clientClosed)
            {
                if (!_closeSent) Append(_closeReply ?? ServerFrames.Close(1000, ""));
                _closeSent = true;
                _closeDescription ??= "closed by the client";
                await FlushAsync();
                return;
            }
            if (_closeSent && now >= _closeDeadline) return;

            long nextDue = long.MaxValue;
            if (!stalled && !_dropping && !_closeSent)
            {
                while (_outbox.TryPeek(out var head))
                {
                    if (head.NotBefore > now)
                    {
                        nextDue = head.NotBefore;
                        break;
                    }
                    _outbox.TryDequeue(out _);
                    Append(head.Frame);
                }
            }
            if (_length > 0 && !_dropNow)
            {
                await FlushAsync();
                continue;
            }

            long wake = Math.Min(nextPing, Math.Min(nextDue, _stall is null ? long.MaxValue : _stallUntil));
            lock (_delayGate) if (_delay is not null && _delayUntil != 0) wake = Math.Min(wake, _delayUntil);
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
            catch (OperationCanceledException) { }
            lock (_delayGate) if (_delay is not null && _delayUntil != 0 && Now() >= _delayUntil) EndDelay("done");
        }
    }

    private async Task<bool> ApplyFaultAsync(FaultRecord fault)
    {
        FaultSpec spec = fault.Spec;
        switch (spec.Kind)
        {
            case FaultKind.Drop:
                await FlushAsync();
                fault.Start();
                fault.Finish(note: $"TCP {(spec.Variant == "rst" ? "reset" : "closed")} without a close frame");
                _closeDescription = $"dropped by fault {fault.Id}";
                if (spec.Variant == "rst") ConnectionDrop.Reset(_http);
                return false;
            case FaultKind.Close:
                fault.Start();
                Append(ServerFrames.Close(spec.Code, spec.Reason));
                await FlushAsync();
                _closeSent = true;
                _closeDeadline = Now() + TicksOf(2000);
                _closeDescription = $"closed by fault {fault.Id} with {spec.Code}";
                fault.Finish();
                return true;
            case FaultKind.Stall:
                if (_stall is not null) EndStall("replaced");
                fault.Start();
                _stall = fault;
                _stallUntil = spec.DurationMs == 0 ? long.MaxValue : Now() + TicksOf(spec.DurationMs);
                return true;
            case FaultKind.Delay:
                StartDelay(fault);
                return true;
            case FaultKind.Clear:
                fault.Start();
                if (_stall is not null) EndStall("cleared");
                lock (_delayGate) if (_delay is not null) EndDelay("cleared");
                Volatile.Read(ref _dropOnRequest)?.Finish("cleared");
                Volatile.Write(ref _dropOnRequest, null);
                fault.Finish();
                return true;
            default:
                fault.Finish("not_applied", $"{FaultSpec.NameOf(spec.Kind)} applies to market-data connections");
                return true;
        }
    }

    private void EndStall(string state)
    {
        _stall!.Finish(state);
        _stall = null;
    }

    private void Append(ReadOnlySpan<byte> frame)
    {
        if (_length + frame.Length > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + frame.Length));
        frame.CopyTo(_buffer.AsSpan(_length));
        _length += frame.Length;
    }

    private async Task FlushAsync()
    {
        if (_length == 0) return;
        int length = _length;
        _length = 0;
        await _stream.WriteAsync(_buffer.AsMemory(0, length), _ended.Token);
        Interlocked.Add(ref _bytesSent, length);
    }

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
}
