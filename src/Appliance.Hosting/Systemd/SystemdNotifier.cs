using System.Globalization;
using System.Text;

namespace Appliance.Hosting.Systemd;

/// <summary>
/// The messages the daemon sends systemd: READY=1, STATUS=, EXTEND_TIMEOUT_USEC=, WATCHDOG=1, STOPPING=1.
/// Without $NOTIFY_SOCKET every call does nothing and says so (returns false). Thread-safe.
/// </summary>
public sealed class SystemdNotifier : IDisposable
{
    private readonly NotifySocket? _socket;
    private long _watchdogPings;
    private volatile bool _ready;
    private volatile bool _stopping;

    public SystemdNotifier(NotifySocket? socket) => _socket = socket;

    public static SystemdNotifier None { get; } = new(null);

    public bool Enabled => _socket is not null;

    public bool IsReady => _ready;

    public bool IsStopping => _stopping;

    public long WatchdogPings => Interlocked.Read(ref _watchdogPings);

    public long Sent => _socket?.Sent ?? 0;

    public long Failed => _socket?.Failed ?? 0;

    public string? LastError => _socket?.LastError;

    public bool Ready(string status)
    {
        _ready = true;
        return Send($"READY=1\nSTATUS={OneLine(status)}");
    }

    public bool Status(string status) => Send($"STATUS={OneLine(status)}");

    /// <summary>Asks for <paramref name="extra"/> more start (or stop) time, counted from now.</summary>
    public bool ExtendTimeout(TimeSpan extra) =>
        Send(string.Create(CultureInfo.InvariantCulture, $"EXTEND_TIMEOUT_USEC={(long)extra.TotalMicroseconds}"));

    public bool Watchdog()
    {
        if (!Send("WATCHDOG=1")) return false;
        Interlocked.Increment(ref _watchdogPings);
        return true;
    }

    public bool Stopping(string status)
    {
        _stopping = true;
        return Send($"STOPPING=1\nSTATUS={OneLine(status)}");
    }

    private bool Send(string message) => _socket is not null && _socket.Send(message);

    /// <summary>STATUS= ends at the first newline; keep the whole line and a sane length.</summary>
    internal static string OneLine(string text)
    {
        var sb = new StringBuilder(Math.Min(text.Length, 256));
        foreach (char c in text)
        {
            if (sb.Length == 256) break;
            sb.Append(char.IsControl(c) ? ' ' : c);
        }
        return sb.ToString();
    }

    public void Dispose() => _socket?.Dispose();
}
