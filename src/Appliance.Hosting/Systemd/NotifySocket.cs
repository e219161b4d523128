using System.Net.Sockets;
using System.Text;

namespace Appliance.Hosting.Systemd;

/// <summary>
/// The sd_notify(3) wire: one datagram per message to the AF_UNIX socket named by <c>$NOTIFY_SOCKET</c>
/// (a path, or an abstract name written with a leading '@'). Ours because Microsoft.Extensions.Hosting.Systemd
/// is not in our registry and never sent WATCHDOG=1 anyway. A failed send is counted, never thrown:
/// systemd being away must not take the daemon down.
/// </summary>
public sealed class NotifySocket : IDisposable
{
    private readonly Socket _socket;
    private readonly UnixDomainSocketEndPoint _endpoint;
    private readonly Lock _lock = new();
    private long _sent;
    private long _failed;

    private NotifySocket(string address)
    {
        Address = address;
        // An abstract socket name has no file: the kernel takes a leading NUL byte for systemd's '@'.
        string path = address[0] == '@' ? "\0" + address[1..] : address;
        _endpoint = new UnixDomainSocketEndPoint(path);
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    }

    /// <summary>The value of $NOTIFY_SOCKET this socket sends to.</summary>
    public string Address { get; }

    public long Sent => Interlocked.Read(ref _sent);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>The error of the last failed send, for `ctl health`.</summary>
    public string? LastError { get; private set; }

    /// <summary>A socket for <paramref name="address"/> ($NOTIFY_SOCKET), or null when it is unset or not a Unix socket address.</summary>
    public static NotifySocket? Create(string? address)
    {
        if (string.IsNullOrEmpty(address) || address.Length < 2) return null;
        if (address[0] != '/' && address[0] != '@') return null; // vsock: and other forms are not for us
        return new NotifySocket(address);
    }

    /// <summary>Sends one message (newline-separated assignments). False when it could not be sent.</summary>
    public bool Send(string message)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(message);
        lock (_lock)
        {
            try
            {
                _socket.SendTo(bytes, SocketFlags.None, _endpoint);
                Interlocked.Increment(ref _sent);
                return true;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                Interlocked.Increment(ref _failed);
                LastError = e.Message;
                return false;
            }
        }
    }

    public void Dispose()
    {
        lock (_lock) _socket.Dispose();
    }
}
