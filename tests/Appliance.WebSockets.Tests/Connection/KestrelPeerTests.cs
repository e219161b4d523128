using System.Net.Security;
using System.Security.Authentication;
using Appliance.WebSockets.Connection;
using Appliance.WebSockets.Deflate;
using Appliance.WebSockets.Errors;
using Appliance.WebSockets.Tests.Support;

namespace Appliance.WebSockets.Tests.Connection;

/// <summary>Conformance against ASP.NET Core Kestrel's WebSocket server, plain and over TLS.</summary>
[NonParallelizable]
public class KestrelPeerTests
{
    private KestrelServer _plain = null!;
    private KestrelServer _tls = null!;
    private TestCertificates _certificates = null!;

    [OneTimeSetUp]
    public async Task StartServers()
    {
        _certificates = new TestCertificates();
        _plain = await KestrelServer.StartAsync();
        _tls = await KestrelServer.StartAsync(_certificates.Server);
    }

    [OneTimeTearDown]
    public async Task StopServers()
    {
        await _plain.DisposeAsync();
        await _tls.DisposeAsync();
        _certificates.Dispose();
    }

    private WebSocketClientOptions TlsOptions(string deflate = "off") =>
        PythonPeerTests.Options(deflate) with { CaBundlePath = _certificates.CaBundlePath };

    [Test]
    public async Task Messages_arrive_byte_exact([Values(false, true)] bool fragmented, [Values(false, true)] bool compressed, [Values(false, true)] bool tls)
    {
        KestrelServer server = tls ? _tls : _plain;
        WebSocketClientOptions options = tls ? TlsOptions(compressed ? "on" : "off") : PythonPeerTests.Options(compressed ? "on" : "off");
        using var connection = await WebSocketClient.ConnectAsync(server.Uri($"/messages?fragment={(fragmented ? 1 : 0)}&compress={(compressed ? 1 : 0)}"), options);
        var log = new MessageLog();
        Assert.That(PythonPeerTests.RunSync(connection, log), Is.EqualTo(ReceiveStatus.Closed), connection.DescribeOutcome());
        Assert.That((connection.CloseCodeReceived, connection.CloseReason), Is.EqualTo((1000, "done")));
        PythonPeerTests.AssertDigestsMatch(log);
        Assert.That(log.Count, Is.EqualTo(19));
        Assert.That(connection.Handshake.Extensions, compressed ? Does.StartWith("permessage-deflate") : Is.Null);
    }

    [Test]
    public async Task Echo_round_trips_in_async_mode([Values(false, true)] bool compressed)
    {
        using var connection = await WebSocketClient.ConnectAsync(_plain.Uri($"/echo?compress={(compressed ? 1 : 0)}"), PythonPeerTests.Options(compressed ? "on" : "off"));
        var log = new MessageLog();
        byte[] big = new byte[1_500_000];
        new Random(2).NextBytes(big);
        Assert.That(connection.SendText("{\"method\":\"SUBSCRIBE\"}") && connection.SendBinary(big));
        while (log.Count < 2) Assert.That(await connection.ReceiveAsync(log), Is.EqualTo(ReceiveStatus.Open), connection.DescribeOutcome());
        Assert.That(log.Text(0), Is.EqualTo("{\"method\":\"SUBSCRIBE\"}"));
        Assert.That(MessageLog.Sha256(log.Messages[1].Payload), Is.EqualTo(MessageLog.Sha256(big)));
        Assert.That(connection.Close(4100, "client done"), Is.True);
        Assert.That(await connection.RunAsync(log), Is.EqualTo(ReceiveStatus.Closed));
        Assert.That(connection.CloseCodeReceived, Is.EqualTo(4100), "Kestrel echoed our close code");
    }

    [Test]
    public async Task Server_keep_alive_pings_are_answered_so_the_server_keeps_the_connection()
    {
        using var connection = await WebSocketClient.ConnectAsync(_plain.Uri("/keepalive"), PythonPeerTests.Options());
        var log = new MessageLog();
        var handler = new LogHandler(log);
        // Kestrel drops the connection if a pong is more than 2 s late; ten pings answered prove we answer.
        while (connection.Counters.PingsReceived < 10)
            Assert.That(connection.Receive(ref handler), Is.EqualTo(ReceiveStatus.Open), connection.DescribeOutcome());
        Assert.That(connection.Counters.PongsSent, Is.EqualTo(connection.Counters.PingsReceived));
        connection.SendText("status?");
        while (log.Count == 0) Assert.That(connection.Receive(ref handler), Is.EqualTo(ReceiveStatus.Open), connection.DescribeOutcome());
        Assert.That(log.Text(0), Is.EqualTo("still alive"));
        connection.Close();
        Assert.That(connection.Run(ref handler), Is.EqualTo(ReceiveStatus.Closed));
    }

    [Test]
    public async Task Server_close_code_and_reason_are_reported()
    {
        using var connection = await WebSocketClient.ConnectAsync(_tls.Uri("/close?code=4999&reason=maintenance"), TlsOptions());
        Assert.That(await connection.RunAsync(new MessageLog()), Is.EqualTo(ReceiveStatus.Closed));
        Assert.That((connection.CloseCodeReceived, connection.CloseReason), Is.EqualTo((4999, "maintenance")));
    }

    [Test]
    public async Task Tls_verifies_against_the_ca_bundle_and_sends_sni()
    {
        using var connection = await WebSocketClient.ConnectAsync(_tls.Uri("/echo", host: "localhost"), TlsOptions());
        Assert.That(_tls.LastSni, Is.EqualTo("localhost"));
        Assert.That(connection.TlsProtocol, Is.EqualTo(SslProtocols.Tls13));
        Assert.That(connection.TlsCipherSuite, Is.Not.Null);
        connection.Close();
        Assert.That(await connection.RunAsync(new MessageLog()), Is.EqualTo(ReceiveStatus.Closed));
    }

    [Test]
    public async Task Tls_target_host_overrides_sni_for_an_address_uri()
    {
        using var connection = await WebSocketClient.ConnectAsync(_tls.Uri("/echo"), TlsOptions() with { TlsTargetHost = "localhost" });
        Assert.That(_tls.LastSni, Is.EqualTo("localhost"));
        connection.Abort();
    }

    [Test]
    public void Tls_without_the_ca_bundle_fails_certificate_validation()
    {
        var e = Assert.ThrowsAsync<WebSocketConnectException>(() => WebSocketClient.ConnectAsync(_tls.Uri("/echo", "localhost"), PythonPeerTests.Options()));
        Assert.That(e!.Failure, Is.EqualTo(ConnectFailure.TlsFailed));
        Assert.That(e.Message, Does.Contain("TLS"));
    }

    [Test]
    public void Tls_with_a_name_the_certificate_does_not_cover_fails()
    {
        var e = Assert.ThrowsAsync<WebSocketConnectException>(() =>
            WebSocketClient.ConnectAsync(_tls.Uri("/echo"), TlsOptions() with { TlsTargetHost = "venue.example" }));
        Assert.That(e!.Failure, Is.EqualTo(ConnectFailure.TlsFailed));
    }

    [Test]
    public async Task Tls12_only_server_negotiates_tls12()
    {
        await using var server = await KestrelServer.StartAsync(_certificates.Server, SslProtocols.Tls12);
        using var connection = await WebSocketClient.ConnectAsync(server.Uri("/echo"), TlsOptions());
        Assert.That(connection.TlsProtocol, Is.EqualTo(SslProtocols.Tls12));
        connection.Close();
        Assert.That(await connection.RunAsync(new MessageLog()), Is.EqualTo(ReceiveStatus.Closed));
    }

    [Test]
    public void Missing_ca_bundle_file_is_a_tls_failure_naming_the_file()
    {
        var e = Assert.ThrowsAsync<WebSocketConnectException>(() =>
            WebSocketClient.ConnectAsync(_tls.Uri("/echo"), TlsOptions() with { CaBundlePath = "/nonexistent/ca.pem" }));
        Assert.That(e!.Failure, Is.EqualTo(ConnectFailure.TlsFailed));
        Assert.That(e.Message, Does.Contain("/nonexistent/ca.pem"));
    }

    [Test]
    public void Plain_request_to_a_non_websocket_path_is_rejected_with_its_status()
    {
        var e = Assert.ThrowsAsync<WebSocketConnectException>(() => WebSocketClient.ConnectAsync(_plain.Uri("/no-such-path"), PythonPeerTests.Options()));
        Assert.That((e!.Failure, e.StatusCode), Is.EqualTo((ConnectFailure.HandshakeRejected, 404)));
    }
}
