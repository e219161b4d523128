using System.Net.Sockets;
using System.Text;

namespace Appliance.Admin.Tests.TestSupport;

/// <summary>A bare socket to the admin server for sending anything at all, including what a real client never would.</summary>
public sealed class RawClient : IDisposable
{
    private readonly Socket _socket;
    private readonly List<byte> _pending = new();
    private readonly byte[] _chunk = new byte[65536];

    public RawClient(string path)
    {
        _socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _socket.Connect(new UnixDomainSocketEndPoint(path));
    }

    public Socket Socket => _socket;

    public void Send(string text) => Send(Encoding.UTF8.GetBytes(text));

    /// <summary>Sends everything; false when the server closed the connection before taking it all.</summary>
    public bool Send(ReadOnlySpan<byte> bytes)
    {
        try
        {
            while (!bytes.IsEmpty)
            {
                int n = _socket.Send(bytes);
                bytes = bytes[n..];
            }
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The next line (without LF); null when the connection closed (or reset) first. Fails the test on timeout.</summary>
    public string? ReadLine(TimeSpan? timeout = null)
    {
        long deadline = Environment.TickCount64 + (long)(timeout ?? TimeSpan.FromSeconds(10)).TotalMilliseconds;
        while (true)
        {
            int lf = _pending.IndexOf((byte)'\n');
            if (lf >= 0)
            {
                string line = Encoding.UTF8.GetString(_pending.GetRange(0, lf).ToArray());
                _pending.RemoveRange(0, lf + 1);
                return line;
            }
            long left = deadline - Environment.TickCount64;
            if (left <= 0) Assert.Fail($"no line within {timeout ?? TimeSpan.FromSeconds(10)}; have {_pending.Count} bytes");
            int n;
            try
            {
                if (!_socket.Poll((int)Math.Min(left * 1000, int.MaxValue), SelectMode.SelectRead)) continue;
                n = _socket.Receive(_chunk);
            }
            catch (SocketException)
            {
                return null;
            }
            if (n == 0) return null;
            _pending.AddRange(_chunk.AsSpan(0, n));
        }
    }

    /// <summary>Waits for the server to close; true when it did (EOF or reset) within the timeout, with no more lines.</summary>
    public bool WaitClosed(TimeSpan timeout) => ReadLine(timeout) is null;

    public void Dispose() => _socket.Dispose();
}
