using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Appliance.WebSockets.Connection;

/// <summary>
/// The byte pipe under a connection: a TCP socket, optionally wrapped in TLS. Reads and writes report
/// failure as values so the receive loop never has to unwind an exception for a dropped peer.
/// </summary>
internal sealed class Transport : IDisposable
{
    public const int WouldBlock = -1;
    public const int Failed = -2;

    private readonly Socket? _socket;       // null when replaying a recorded stream (benchmarks, tests)
    private readonly Stream _stream;        // SslStream, NetworkStream, or the recorded stream
    private readonly SslStream? _tls;
    private readonly bool _busyPoll;

    public Transport(Socket socket, Stream stream, SslStream? tls, bool busyPoll)
    {
        _socket = socket;
        _stream = stream;
        _tls = tls;
        _busyPoll = busyPoll && tls is null;
        if (_busyPoll) _socket.Blocking = false;
    }

    /// <summary>A transport over any stream (no socket): replays of recorded streams in benchmarks and tests.</summary>
    public Transport(Stream stream)
    {
        _stream = stream;
    }

    internal Socket Socket => _socket ?? throw new InvalidOperationException("no socket");

    public SslProtocols? TlsProtocol => _tls?.SslProtocol;
    public TlsCipherSuite? TlsCipherSuite => _tls?.NegotiatedCipherSuite;
    public string? LastError { get; private set; }

    /// <summary>Bytes read (&gt; 0), 0 at end of stream, <see cref="WouldBlock"/> or <see cref="Failed"/>.</summary>
    public int Read(Span<byte> buffer)
    {
        if (_tls is null)
        {
            if (_socket is null) return ReadStream(buffer);
            int n = _socket.Receive(buffer, SocketFlags.None, out SocketError error);
            if (error == SocketError.Success) return n;
            if (error == SocketError.WouldBlock) return WouldBlock;
            return Fail(error.ToString());
        }
        return ReadTls(buffer);
    }

    private int ReadStream(Span<byte> buffer)
    {
        try
        {
            return _stream.Read(buffer);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            return Fail(e.Message);
        }
    }

    private int ReadTls(Span<byte> buffer)
    {
        try
        {
            return _tls!.Read(buffer);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or AuthenticationException or SocketException)
        {
            return Fail(e.Message);
        }
    }

    public async ValueTask<int> ReadAsync(Memory<byte> buffer)
    {
        try
        {
            return _tls is null && _socket is not null
                ? await _socket.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false)
                : await _stream.ReadAsync(buffer).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or AuthenticationException or SocketException)
        {
            return Fail(e.Message);
        }
    }

    /// <summary>Writes everything or returns false.</summary>
    public bool Write(ReadOnlySpan<byte> data)
    {
        if (_tls is not null || _socket is null) return WriteStream(data);
        while (!data.IsEmpty)
        {
            int n = _socket.Send(data, SocketFlags.None, out SocketError error);
            if (error == SocketError.WouldBlock)
            {
                // Busy-poll sockets are non-blocking for sends too: wait for room.
                _socket.Poll(-1, SelectMode.SelectWrite);
                continue;
            }
            if (error != SocketError.Success) return Fail(error.ToString()) == 0;
            data = data.Slice(n);
        }
        return true;
    }

    private bool WriteStream(ReadOnlySpan<byte> data)
    {
        try
        {
            _stream.Write(data);
            return true;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            Fail(e.Message);
            return false;
        }
    }

    private int Fail(string error)
    {
        LastError ??= error;
        return Failed;
    }

    /// <summary>Ends both directions; a read blocked on another thread returns at once.</summary>
    public void Shutdown()
    {
        try
        {
            _socket?.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already gone: nothing left to shut.
        }
    }

    public void Dispose()
    {
        Shutdown();
        _stream.Dispose();
        _socket?.Dispose();
    }
}
