using System.Net.Sockets;

namespace Appliance.WebSockets.Connection;

/// <summary>
/// Bounds a blocking socket call: when the time is up (or the caller cancels) it shuts the socket, which
/// makes a thread blocked in connect, recv or send return at once (Linux aborts even a connect in
/// SYN_SENT on shutdown). Used instead of async socket calls because one async call turns a .NET socket
/// non-blocking for good, and every later synchronous read is then a wait on the epoll thread.
/// </summary>
internal sealed class Deadline : IDisposable
{
    private readonly Socket _socket;
    private readonly Timer _timer;
    private readonly CancellationTokenRegistration _cancellation;
    private int _expired;

    public Deadline(Socket socket, TimeSpan timeout, CancellationToken cancellationToken)
    {
        _socket = socket;
        _timer = new Timer(static s => ((Deadline)s!).Expire(), this, timeout, Timeout.InfiniteTimeSpan);
        _cancellation = cancellationToken.UnsafeRegister(static s => ((Deadline)s!).Expire(), this);
    }

    public bool Expired => Volatile.Read(ref _expired) != 0;

    private void Expire()
    {
        if (Interlocked.Exchange(ref _expired, 1) != 0) return;
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Not connected yet or already closed: the blocked call fails either way.
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _cancellation.Dispose();
    }
}
