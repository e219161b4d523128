using System.Buffers;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;
using Appliance.Admin.Protocol;

namespace Appliance.Admin.Server;

/// <summary>
/// One client, served on its own thread: reads request lines, answers each in order. Every way a client
/// can misbehave ends here, without touching other connections: a line over the limit is answered and
/// the connection closed; no complete line within the idle timeout (silence, or a half line trickled in)
/// is answered and closed; requests beyond the connection's rate are answered <c>rate_limited</c>; a client
/// that does not read its answers is dropped after the send timeout. Buffers are per connection and reused.
/// </summary>
internal sealed class AdminConnection
{
    private readonly AdminServer _server;
    private readonly Socket _socket;
    private readonly RequestDispatcher _dispatcher;
    // One request line, its optional CR and its LF; more without an LF is too long.
    private readonly byte[] _input = new byte[AdminProtocol.MaxRequestLineBytes + 1];
    private readonly ArrayBufferWriter<byte> _output = new(1024);
    private readonly Utf8JsonWriter _json;
    private readonly long _idleTicks;
    private PeerCredentials? _peer;

    public AdminConnection(AdminServer server, Socket socket, RequestDispatcher dispatcher)
    {
        _server = server;
        _socket = socket;
        _dispatcher = dispatcher;
        _json = new Utf8JsonWriter(_output, AdminProtocol.WriterOptions);
        _idleTicks = (long)(server.Options.IdleTimeout.TotalSeconds * Stopwatch.Frequency);
    }

    public PeerCredentials? Peer => _peer;

    public void Run()
    {
        try
        {
            Serve();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The peer went away or the server is stopping: nothing to answer.
        }
        catch (Exception e)
        {
            _server.ReportConnectionFailure(this, e);
        }
        finally
        {
            Close();
            _server.OnConnectionClosed(this);
        }
    }

    /// <summary>
    /// Server stop, first step: ends our receiving side, which wakes a blocked poll or receive; the connection then
    /// answers <c>shutting_down</c> and closes. A connection blocked sending to a slow reader is not woken: see
    /// <see cref="Abort"/>.
    /// </summary>
    public void StopReceiving() => Shutdown(SocketShutdown.Receive);

    /// <summary>Server stop, last step: ends the connection from another thread, sending included.</summary>
    public void Abort() => Shutdown(SocketShutdown.Both);

    private void Shutdown(SocketShutdown how)
    {
        try
        {
            _socket.Shutdown(how);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    private void Serve()
    {
        _peer = PeerCredentials.Read(_socket);
        var options = _server.Options;
        _socket.SendTimeout = (int)options.SendTimeout.TotalMilliseconds;
        var bucket = new TokenBucket(options.RequestsPerSecond, options.RequestBurst, Stopwatch.GetTimestamp());
        long deadline = Stopwatch.GetTimestamp() + _idleTicks;
        int start = 0;   // first byte of the current (incomplete) line
        int filled = 0;  // bytes in _input
        int scanned = 0; // bytes already searched for LF
        while (true)
        {
            int lf = _input.AsSpan(scanned, filled - scanned).IndexOf((byte)'\n');
            if (lf >= 0)
            {
                int end = scanned + lf;
                if (!HandleLine(_input.AsSpan(start, end - start), bucket)) return;
                start = scanned = end + 1;
                deadline = Stopwatch.GetTimestamp() + _idleTicks;
                continue;
            }
            scanned = filled;
            if (start > 0)
            {
                // Move the incomplete line to the front so a whole line always fits.
                Buffer.BlockCopy(_input, start, _input, 0, filled - start);
                filled -= start;
                scanned -= start;
                start = 0;
            }
            if (filled == _input.Length)
            {
                Interlocked.Increment(ref _server.CounterSet.LinesTooLong);
                _server.LogLimit(this, "line_too_long");
                SendError(AdminErrorCode.LineTooLong, $"request line longer than {AdminProtocol.MaxRequestLineBytes} bytes; closing");
                return;
            }
            if (_server.IsStopping)
            {
                SendError(AdminErrorCode.ShuttingDown, "the daemon is stopping");
                return;
            }

            long left = deadline - Stopwatch.GetTimestamp();
            if (left <= 0)
            {
                Interlocked.Increment(ref _server.CounterSet.IdleTimeouts);
                SendError(AdminErrorCode.IdleTimeout, filled > 0
                    ? $"incomplete request line ({filled} bytes without LF) after {options.IdleTimeout.TotalSeconds:0.###} s; closing"
                    : $"no request for {options.IdleTimeout.TotalSeconds:0.###} s; closing");
                return;
            }
            long micros = Math.Min(left * 1_000_000 / Stopwatch.Frequency + 1, int.MaxValue);
            if (!_socket.Poll((int)micros, SelectMode.SelectRead)) continue;
            int n = _socket.Receive(_input, filled, _input.Length - filled, SocketFlags.None, out SocketError error);
            if (error != SocketError.Success) return;
            if (n == 0)
            {
                // The peer finished sending: answer a last line that lacked its LF (printf 'status' | socat …), then
                // close. Not when the server is stopping: then the EOF is our own shutdown (StopReceiving), the half
                // line an operator had not finished typing must not run, and the answer is shutting_down.
                if (_server.IsStopping) SendError(AdminErrorCode.ShuttingDown, "the daemon is stopping");
                else if (filled > start) HandleLine(_input.AsSpan(start, filled - start), bucket);
                return;
            }
            filled += n;
        }
    }

    private bool HandleLine(ReadOnlySpan<byte> line, TokenBucket bucket)
    {
        if (!bucket.TryTake(Stopwatch.GetTimestamp()))
        {
            Interlocked.Increment(ref _server.CounterSet.RateLimited);
            _server.LogLimit(this, "rate_limited");
            return SendError(AdminErrorCode.RateLimited,
                $"more than {_server.Options.RequestsPerSecond:0.###} requests/s (burst {_server.Options.RequestBurst}) on this connection; slow down");
        }
        if (!_dispatcher.Answer(line, _peer!, _output, _json)) return true;
        return Send(_output.WrittenSpan);
    }

    private bool SendError(string code, string message)
    {
        _output.ResetWrittenCount();
        _json.Reset(_output);
        AnswerWriter.WriteError(_json, code, message);
        _json.Flush();
        _output.Write("\n"u8);
        return Send(_output.WrittenSpan);
    }

    private bool Send(ReadOnlySpan<byte> answer)
    {
        while (!answer.IsEmpty)
        {
            int sent = _socket.Send(answer, SocketFlags.None, out SocketError error);
            if (error == SocketError.TimedOut || error == SocketError.WouldBlock)
            {
                Interlocked.Increment(ref _server.CounterSet.SlowReaders);
                _server.LogLimit(this, "slow_reader");
                return false;
            }
            if (error != SocketError.Success || sent <= 0) return false;
            answer = answer[sent..];
        }
        return true;
    }

    private void Close()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        _socket.Dispose();
        _json.Dispose();
    }
}
