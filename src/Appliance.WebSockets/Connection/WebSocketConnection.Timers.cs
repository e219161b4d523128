using Appliance.Primitives.Time;
using Appliance.WebSockets.Errors;

namespace Appliance.WebSockets.Connection;

// Housekeeping on a timer thread: keep-alive pings, idle timeout, close timeout. It reads the receive
// thread's last-receive stamp and acts only through the send lock or by shutting the socket, which makes
// a blocked read return; it never runs code on the receive thread.
public sealed partial class WebSocketConnection
{
    private Timer? _timer;
    private long _closeSentTicks;
    private long _lastKeepAliveTicks;

    private void StartTimer()
    {
        TimeSpan shortest = TimeSpan.MaxValue;
        foreach (TimeSpan t in (ReadOnlySpan<TimeSpan>)[_options.KeepAliveInterval, _options.IdleTimeout, _options.CloseTimeout])
            if (t > TimeSpan.Zero && t < shortest) shortest = t;
        if (shortest == TimeSpan.MaxValue) return;
        // A quarter of the shortest interval keeps each deadline within 25% of its setting.
        TimeSpan period = TimeSpan.FromTicks(Math.Clamp(shortest.Ticks / 4, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.FromSeconds(1).Ticks));
        _lastKeepAliveTicks = _openedTicks;
        _timer = new Timer(static s => ((WebSocketConnection)s!).OnTimer(), this, period, period);
    }

    private void StopTimer() => _timer?.Dispose();

    private void OnTimer()
    {
        int state = Volatile.Read(ref _state);
        if (state >= (int)WebSocketState.Closed) return;
        long now = MonoClock.Now();

        long closeSent = Interlocked.Read(ref _closeSentTicks);
        if (closeSent != 0 && _options.CloseTimeout > TimeSpan.Zero && Elapsed(closeSent, now) > _options.CloseTimeout)
        {
            Abort(WebSocketErrorKind.CloseTimeout);
            return;
        }
        if (_options.IdleTimeout > TimeSpan.Zero && Elapsed(_counters.LastReceiveTicks, now) > _options.IdleTimeout)
        {
            Abort(WebSocketErrorKind.IdleTimeout);
            return;
        }
        if (state == (int)WebSocketState.Open && _options.KeepAliveInterval > TimeSpan.Zero &&
            Elapsed(_lastKeepAliveTicks, now) >= _options.KeepAliveInterval)
        {
            _lastKeepAliveTicks = now;
            SendTimedPing();
        }
    }

    private static TimeSpan Elapsed(long from, long to) => TimeSpan.FromTicks(MonoClock.ElapsedNanoseconds(from, to) / 100);
}
