using System.Net.Sockets;
using System.Text;
using Appliance.Admin.Protocol;

namespace Appliance.Admin.Client;

/// <summary>
/// A connection to an admin socket: send a request line, read its answer line; several requests may share
/// one connection. Every failure to get an answer is an <see cref="AdminClientException"/> saying why.
/// </summary>
public sealed class AdminClient : IDisposable
{
    /// <summary>Answers larger than this are refused as a protocol error (the largest real one, metrics, is far smaller).</summary>
    public const int MaxAnswerBytes = 64 << 20;

    private readonly Socket _socket;
    private readonly byte[] _chunk = new byte[64 * 1024];
    private readonly MemoryStream _pending = new();

    private AdminClient(Socket socket, string path)
    {
        _socket = socket;
        SocketPath = path;
    }

    public string SocketPath { get; }

    /// <exception cref="AdminClientException">Unavailable (no server, or the backlog stayed full for <paramref name="timeout"/>), PermissionDenied.</exception>
    public static AdminClient Connect(string path, TimeSpan timeout)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            // A Unix socket's connect waits for backlog room for at most SO_SNDTIMEO.
            socket.SendTimeout = ToMilliseconds(timeout);
            socket.Connect(new UnixDomainSocketEndPoint(path));
            return new AdminClient(socket, path);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw e.SocketErrorCode switch
            {
                SocketError.AccessDenied => new AdminClientException(AdminClientFailure.PermissionDenied,
                    $"permission denied connecting to {path}: the socket's mode and group do not admit uid {Unix.UnixAccounts.EffectiveUserId}", e),
                SocketError.ConnectionRefused => new AdminClientException(AdminClientFailure.Unavailable, $"nothing is listening on {path} (is the daemon running?)", e),
                SocketError.AddressNotAvailable or SocketError.AddressFamilyNotSupported when !File.Exists(path) && !Directory.Exists(path) =>
                    new AdminClientException(AdminClientFailure.Unavailable, $"no admin socket at {path} (is the daemon running?)", e),
                SocketError.WouldBlock or SocketError.TimedOut => new AdminClientException(AdminClientFailure.Unavailable, $"{path} did not accept the connection within {timeout.TotalSeconds:0.###} s", e),
                _ => new AdminClientException(AdminClientFailure.Unavailable, $"cannot connect to {path}: {e.Message} ({e.SocketErrorCode})", e),
            };
        }
    }

    /// <summary>Sends words as one request (quoting as needed) and waits for the answer.</summary>
    public AdminAnswer Send(IEnumerable<string> words, TimeSpan timeout) => Send(RequestTokenizer.Join(words), timeout);

    /// <summary>Sends one request line (without LF) and waits for the answer.</summary>
    /// <exception cref="AdminClientException">Timeout, or Protocol when the connection closed or the answer is not an answer.</exception>
    public AdminAnswer Send(string requestLine, TimeSpan timeout)
    {
        if (requestLine.Contains('\n')) throw new ArgumentException("a request is one line", nameof(requestLine));
        byte[] bytes = Encoding.UTF8.GetBytes(requestLine + "\n");
        _socket.SendTimeout = ToMilliseconds(timeout);
        try
        {
            _socket.Send(bytes);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
        {
            throw new AdminClientException(AdminClientFailure.Timeout, $"{SocketPath} did not take the request within {timeout.TotalSeconds:0.###} s", e);
        }
        catch (SocketException e)
        {
            // The server may have answered (too_many_clients) and closed before we wrote: read what is there.
            if (TryReadLine(TimeSpan.FromMilliseconds(200), out string? line)) return AdminAnswer.Parse(line!);
            throw new AdminClientException(AdminClientFailure.Protocol, $"{SocketPath} closed the connection: {e.Message}", e);
        }
        return AdminAnswer.Parse(ReadLine(timeout));
    }

    private string ReadLine(TimeSpan timeout)
    {
        if (TryReadLine(timeout, out string? line)) return line!;
        throw new AdminClientException(AdminClientFailure.Timeout, $"no answer from {SocketPath} within {timeout.TotalSeconds:0.###} s");
    }

    private bool TryReadLine(TimeSpan timeout, out string? line)
    {
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (true)
        {
            ReadOnlySpan<byte> pending = _pending.GetBuffer().AsSpan(0, (int)_pending.Length);
            int lf = pending.IndexOf((byte)'\n');
            if (lf >= 0)
            {
                line = Encoding.UTF8.GetString(pending[..lf]);
                byte[] rest = pending[(lf + 1)..].ToArray();
                _pending.SetLength(0);
                _pending.Write(rest);
                return true;
            }
            long left = deadline - Environment.TickCount64;
            if (left <= 0)
            {
                line = null;
                return false;
            }
            int n;
            try
            {
                if (!_socket.Poll((int)Math.Min(left * 1000, int.MaxValue), SelectMode.SelectRead)) continue;
                n = _socket.Receive(_chunk);
            }
            catch (SocketException e)
            {
                throw new AdminClientException(AdminClientFailure.Protocol, $"{SocketPath}: {e.Message}", e);
            }
            if (n == 0) throw new AdminClientException(AdminClientFailure.Protocol, $"{SocketPath} closed the connection without answering");
            if (_pending.Length + n > MaxAnswerBytes) throw new AdminClientException(AdminClientFailure.Protocol, $"answer from {SocketPath} exceeds {MaxAnswerBytes} bytes");
            _pending.Write(_chunk, 0, n);
        }
    }

    private static int ToMilliseconds(TimeSpan t) => (int)Math.Clamp(t.TotalMilliseconds, 1, int.MaxValue);

    public void Dispose() => _socket.Dispose();
}
