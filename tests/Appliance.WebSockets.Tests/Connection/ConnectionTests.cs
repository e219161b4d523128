using System.Net;
using System.Net.Sockets;
using Appliance.Primitives.Time;
using Appliance.WebSockets.Connection;
using Appliance.WebSockets.Deflate;
using Appliance.WebSockets.Errors;
using Appliance.WebSockets.Frames;
using Appliance.WebSockets.Tests.Support;
using static Appliance.WebSockets.Tests.Support.ServerFrames;

namespace Appliance.WebSockets.Tests.Connection;

/// <summary>Connection behaviour against a hand-driven loopback server: handshake edges, timers, endings.</summary>
public class ConnectionTests
{
    private static WebSocketClientOptions Quiet => PythonPeerTests.Options();

    private static async Task<(WebSocketConnection Client, RawServer.Peer Server)> OpenAsync(RawServer server, WebSocketClientOptions options, byte[]? afterHandshake = null, string extraHeaders = "")
    {
        Task<WebSocketConnection> connect = WebSocketClient.ConnectAsync(server.Uri("/feed?x=1"), options);
        RawServer.Peer peer = await server.AcceptAsync();
        byte[] response = System.Text.Encoding.ASCII.GetBytes(peer.Accept101(extraHeaders));
        await peer.WriteAsync(afterHandshake is null ? response : Concat(response, afterHandshake));
        return (await connect, peer);
    }

    [Test]
    public async Task Request_carries_resource_subprotocols_deflate_offer_and_extra_headers()
    {
        using var server = new RawServer();
        var options = Quiet with
        {
            SubProtocols = ["v1", "v2"],
            Headers = [new("User-Agent", "appliance-test")],
            Deflate = new DeflateOptions { ServerNoContextTakeover = true },
        };
        var (client, peer) = await OpenAsync(server, options, extraHeaders: "Sec-WebSocket-Protocol: v2\r\n");
        using (client)
        using (peer)
        {
            Assert.That(peer.Request, Does.StartWith("GET /feed?x=1 HTTP/1.1\r\n"));
            Assert.That(peer.RequestHeader("Host"), Is.EqualTo($"127.0.0.1:{server.Port}"));
            Assert.That(peer.RequestHeader("Sec-WebSocket-Protocol"), Is.EqualTo("v1, v2"));
            Assert.That(peer.RequestHeader("Sec-WebSocket-Extensions"), Is.EqualTo("permessage-deflate; server_no_context_takeover; client_max_window_bits"));
            Assert.That(peer.RequestHeader("User-Agent"), Is.EqualTo("appliance-test"));
            Assert.That((client.Handshake.SubProtocol, client.Handshake.Deflate), Is.EqualTo(("v2", (DeflateParameters?)null)));
            Assert.That(client.Endpoint.HostIsAddress && !client.Endpoint.Secure);
        }
    }

    [Test]
    public async Task Frames_sent_in_the_same_write_as_the_101_are_delivered([Values(false, true)] bool asyncMode)
    {
        using var server = new RawServer();
        var (client, peer) = await OpenAsync(server, Quiet, Concat(Text("first"), Text("second"), Close(1000)));
        using (client)
        using (peer)
        {
            var log = new MessageLog();
            ReceiveStatus status = asyncMode ? await client.RunAsync(log) : PythonPeerTests.RunSync(client, log);
            Assert.That(status, Is.EqualTo(ReceiveStatus.Closed));
            Assert.That(log.Messages.Select(m => System.Text.Encoding.UTF8.GetString(m.Payload)), Is.EqualTo(new[] { "first", "second" }));
            var echo = await peer.ReadClientFrameAsync();
            Assert.That((echo.Opcode, echo.Payload), Is.EqualTo((Opcode.Close, new byte[] { 0x03, 0xE8 })));
        }
    }

    [Test]
    public async Task Socket_stays_blocking_so_synchronous_reads_block_in_recv_itself([Values(false, true)] bool tls)
    {
        // One async call would make the fd O_NONBLOCK for good and every synchronous read a wait on .NET's epoll thread.
        if (tls)
        {
            using var certificates = new TestCertificates();
            await using var kestrel = await KestrelServer.StartAsync(certificates.Server);
            using var secure = await WebSocketClient.ConnectAsync(kestrel.Uri("/echo"), Quiet with { CaBundlePath = certificates.CaBundlePath });
            Assert.That(IsNonBlocking(secure), Is.False);
            secure.Abort();
            return;
        }
        using var server = new RawServer();
        var (client, peer) = await OpenAsync(server, Quiet);
        using (client)
        using (peer)
        {
            Assert.That(IsNonBlocking(client), Is.False);
            await peer.WriteAsync(Text("x"));
            var handler = new LogHandler(new MessageLog());
            client.Receive(ref handler);
            Assert.That(IsNonBlocking(client), Is.False);
        }
    }

    private static bool IsNonBlocking(WebSocketConnection connection)
    {
        int fd = (int)connection.Transport.Socket.Handle;
        string flags = File.ReadLines($"/proc/self/fdinfo/{fd}").First(l => l.StartsWith("flags:"))["flags:".Length..].Trim();
        return (Convert.ToInt32(flags, 8) & 0x800) != 0; // O_NONBLOCK
    }

    [Test]
    public async Task Redirect_is_an_error_naming_the_location()
    {
        using var server = new RawServer();
        Task<WebSocketConnection> connect = WebSocketClient.ConnectAsync(server.Uri(), Quiet);
        using RawServer.Peer peer = await server.AcceptAsync();
        await peer.WriteAsync("HTTP/1.1 301 Moved Permanently\r\nLocation: wss://stream.example/ws\r\nContent-Length: 0\r\n\r\n");
        var e = Assert.ThrowsAsync<WebSocketConnectException>(() => connect);
        Assert.That((e!.Failure, e.StatusCode), Is.EqualTo((ConnectFailure.Redirect, 301)));
        Assert.That(e.Message, Does.Contain("wss://stream.example/ws"));
    }

    [Test]
    public async Task Silent_server_hits_the_handshake_timeout()
    {
        using var server = new RawServer();
        Task<WebSocketConnection> connect = WebSocketClient.ConnectAsync(server.Uri(), Quiet with { HandshakeTimeout = TimeSpan.FromMilliseconds(200) });
        using RawServer.Peer peer = await server.AcceptAsync();
        var e = Assert.ThrowsAsync<WebSocketConnectException>(() => connect);
        Assert.That(e!.Failure, Is.EqualTo(ConnectFailure.HandshakeTimeout));
    }

    [Test]
    public async Task Server_closing_during_the_handshake_is_reported()
    {
        using var server = new RawServer();
        Task<WebSocketConnection> connect = WebSocketClient.ConnectAsync(server.Uri(), Quiet);
        RawServer.Peer peer = await server.AcceptAsync();
        await peer.WriteAsync("HTTP/1.1 101 Switching");
        peer.Dispose();
        var e = Assert.ThrowsAsync<WebSocketConnectException>(() => connect);
        Assert.That(e!.Failure, Is.EqualTo(ConnectFailure.ConnectionClosed));
    }

    [Test]
    public void Refused_connection_is_a_connect_failure()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var e = Assert.ThrowsAsync<WebSocketConnectException>(() => WebSocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/"), Quiet));
        Assert.That(e!.Failure, Is.EqualTo(ConnectFailure.ConnectFailed));
        Assert.That(e.Message, Does.Contain($"127.0.0.1:{port}"));
    }

    [Test]
    public void Connect_to_a_listener_that_drops_syns_hits_the_connect_timeout()
    {
        // A listener whose accept queue is full drops new SYNs, so connect() blocks in SYN_SENT: the
        // deadline must shut the socket to get the blocked call back.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var endpoint = (IPEndPoint)listener.LocalEndPoint!;
        var fillers = new List<Socket>();
        try
        {
            WebSocketConnectException? timeout = null;
            for (int i = 0; i < 8 && timeout is null; i++)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                fillers.Add(filler);
                var connect = filler.ConnectAsync(endpoint);
                if (connect.Wait(TimeSpan.FromMilliseconds(200))) continue; // queue not full yet
                long start = MonoClock.Now();
                timeout = Assert.Throws<WebSocketConnectException>(() =>
                    WebSocketClient.Connect(new Uri($"ws://127.0.0.1:{endpoint.Port}/"), Quiet with { ConnectTimeout = TimeSpan.FromMilliseconds(300) }));
                Assert.That(MonoClock.ElapsedNanoseconds(start, MonoClock.Now()), Is.LessThan(5_000_000_000L));
            }
            Assert.That(timeout, Is.Not.Null, "the accept queue never filled");
            Assert.That(timeout!.Failure, Is.EqualTo(ConnectFailure.ConnectTimeout));
        }
        finally
        {
            foreach (Socket filler in fillers) filler.Dispose();
        }
    }

    [Test]
    public async Task Silence_after_the_handshake_hits_the_idle_timeout()
    {
        using var server = new RawServer();
        var (client, peer) = await OpenAsync(server, Quiet with { IdleTimeout = TimeSpan.FromMilliseconds(150) });
        using (client)
        using (peer)
        {
            long start = MonoClock.Now();
            Assert.That(PythonPeerTests.RunSync(client, new MessageLog()), Is.EqualTo(ReceiveStatus.Failed));
            Assert.That(client.Error.Kind, Is.EqualTo(WebSocketErrorKind.IdleTimeout));
            Assert.That(MonoClock.ElapsedNanoseconds(start, MonoClock.Now()), Is.GreaterThanOrEqualTo(140_000_000));
            Assert.That(await peer.ReadsEndOfStreamAsync(), Is.True);
        }
    }

    [Test]
    public async Task Unanswered_close_hits_the_close_timeout()
    {
        using var server = new RawServer();
        var (client, peer) = await OpenAsync(server, Quiet with { CloseTimeout = TimeSpan.FromMilliseconds(150) });
        using (client)
        using (peer)
        {
            Assert.That(client.Close(1001, "shutting down"), Is.True);
            Assert.That(client.State, Is.EqualTo(WebSocketState.CloseSent));
            Assert.That(client.Close(), Is.False, "only one close frame");
            var frame = await peer.ReadClientFrameAsync();
            Assert.That((frame.Opcode, frame.Payload[..2], System.Text.Encoding.UTF8.GetString(frame.Payload[2..])),
                Is.EqualTo((Opcode.Close, new byte[] { 0x03, 0xE9 }, "shutting down")));
            Assert.That(PythonPeerTests.RunSync(client, new MessageLog()), Is.EqualTo(ReceiveStatus.Failed));
            Assert.That(client.Error.Kind, Is.EqualTo(WebSocketErrorKind.CloseTimeout));
        }
    }

    [Test]
    public async Task Messages_arriving_after_our_close_are_still_delivered_until_the_servers_close()
    {
        using var server = new RawServer();
        var (client, peer) = await OpenAsync(server, Quiet);
        using (client)
        using (peer)
        {
            client.Close();
            await peer.ReadClientFrameAsync();
            await peer.WriteAsync(Concat(Text("late"), Frame(Opcode.Ping, "p"u8), Close(1000)));
            var log = new MessageLog();
            Assert.That(PythonPeerTests.RunSync(client, log), Is.EqualTo(ReceiveStatus.Closed));
            Assert.That(log.Count, Is.EqualTo(1));
            Assert.That(client.Counters.PongsSent, Is.Zero, "no pong once our close is out");
        }
    }

    [Test]
    public async Task End_of_stream_without_a_close_frame_fails_the_connection()
    {
        using var server = new RawServer();
        var (client, peer) = await OpenAsync(server, Quiet, Text("only"));
        using (client)
        {
            peer.Dispose();
            var log = new MessageLog();
            Assert.That(PythonPeerTests.RunSync(client, log), Is.EqualTo(ReceiveStatus.Failed));
            Assert.That((client.Error.Kind, log.Count), Is.EqualTo((WebSocketErrorKind.ConnectionClosedWithoutCloseFrame, 1)));
            Assert.That(client.DescribeOutcome(), Is.EqualTo("failed: ConnectionClosedWithoutCloseFrame after 6 bytes"));
        }
    }

    [Test]
    public async Task Abort_from_another_thread_wakes_a_blocked_receive()
    {
        using var server = new RawServer();
        var (client, peer) = await OpenAsync(server, Quiet);
        using (client)
        using (peer)
        {
            var receiver = Task.Factory.StartNew(() => PythonPeerTests.RunSync(client, new MessageLog()), TaskCreationOptions.LongRunning);
            client.Abort();
            Assert.That(receiver.Wait(TimeSpan.FromSeconds(5)), Is.True);
            Assert.That((receiver.Result, client.Error.Kind), Is.EqualTo((ReceiveStatus.Failed, WebSocketErrorKind.Aborted)));
            Assert.That(client.SendText("x"), Is.False);
        }
    }

    [Test]
    public async Task Busy_poll_receive_returns_at_once_without_data_and_delivers_when_data_arrives()
    {
        using var server = new RawServer();
        var (client, peer) = await OpenAsync(server, Quiet with { BusyPoll = true });
        using (client)
        using (peer)
        {
            var log = new MessageLog();
            var handler = new LogHandler(log);
            Assert.That(client.Receive(ref handler), Is.EqualTo(ReceiveStatus.Open));
            Assert.That(log.Count, Is.Zero);
            await peer.WriteAsync(Text("spun"));
            Await.Until(() => client.Receive(ref handler) == ReceiveStatus.Open && log.Count == 1, "the message");
            Assert.That(client.SendText("reply"), Is.True);
            Assert.That((await peer.ReadClientFrameAsync()).Payload, Is.EqualTo("reply"u8.ToArray()));
        }
    }

    [Test]
    public void Busy_poll_over_tls_is_refused()
    {
        Assert.ThrowsAsync<ArgumentException>(() => WebSocketClient.ConnectAsync(new Uri("wss://127.0.0.1:1/"), Quiet with { BusyPoll = true }));
    }

    [Test]
    public async Task Receive_timestamp_is_taken_when_the_read_returns()
    {
        using var server = new RawServer();
        var (client, peer) = await OpenAsync(server, Quiet);
        using (client)
        using (peer)
        {
            var log = new MessageLog();
            var handler = new LogHandler(log);
            long before = MonoClock.Now();
            await peer.WriteAsync(Text("stamp"));
            client.Receive(ref handler);
            long after = MonoClock.Now();
            Assert.That(log.Messages[0].Timestamp, Is.InRange(before, after));
            Assert.That(client.Counters.LastReceiveTicks, Is.EqualTo(log.Messages[0].Timestamp));
        }
    }

    [Test]
    public async Task Unsolicited_pong_is_counted_but_not_timed()
    {
        using var server = new RawServer();
        var (client, peer) = await OpenAsync(server, Quiet, Concat(Frame(Opcode.Pong, new byte[8]), Text("x")));
        using (client)
        using (peer)
        {
            var handler = new LogHandler(new MessageLog());
            client.Receive(ref handler);
            Assert.That((client.Counters.PongsReceived, client.Counters.LastRttNanos), Is.EqualTo((1L, 0L)));
        }
    }
}
