using System.Text;
using Appliance.WebSockets.Deflate;
using Appliance.WebSockets.Errors;
using Appliance.WebSockets.Handshake;

namespace Appliance.WebSockets.Tests.Handshake;

public class HandshakeTests
{
    private const string Key = "dGhlIHNhbXBsZSBub25jZQ==";
    private const string Accept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    [Test]
    public void Accept_value_matches_the_rfc6455_example()
    {
        Assert.That(SecWebSocketKey.ComputeAccept(Key), Is.EqualTo(Accept));
    }

    [Test]
    public void Keys_are_16_random_bytes_in_base64()
    {
        string a = SecWebSocketKey.Create(), b = SecWebSocketKey.Create();
        Assert.That(Convert.FromBase64String(a), Has.Length.EqualTo(16));
        Assert.That(a, Is.Not.EqualTo(b));
    }

    [Test]
    public void Request_carries_upgrade_headers_resource_and_extras()
    {
        var endpoint = WebSocketEndpoint.Parse(new Uri("ws://example.com:9000/ws/stream?streams=btcusdt@trade"));
        string request = Encoding.UTF8.GetString(HandshakeRequest.Build(endpoint, Key, ["v1.json"], "permessage-deflate",
            [new("Origin", "https://example.com")]));
        Assert.That(request, Does.StartWith("GET /ws/stream?streams=btcusdt@trade HTTP/1.1\r\nHost: example.com:9000\r\n"));
        Assert.That(request, Does.Contain("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + Key + "\r\nSec-WebSocket-Version: 13\r\n"));
        Assert.That(request, Does.Contain("\r\nSec-WebSocket-Protocol: v1.json\r\n"));
        Assert.That(request, Does.Contain("\r\nSec-WebSocket-Extensions: permessage-deflate\r\n"));
        Assert.That(request, Does.EndWith("\r\nOrigin: https://example.com\r\n\r\n"));
    }

    [Test]
    public void Header_injection_in_extra_headers_is_refused()
    {
        var endpoint = WebSocketEndpoint.Parse(new Uri("ws://h/"));
        Assert.Throws<ArgumentException>(() => HandshakeRequest.Build(endpoint, Key, [], null, [new("X-A", "1\r\nEvil: yes")]));
        Assert.Throws<ArgumentException>(() => HandshakeRequest.Build(endpoint, Key, [], null, [new("Sec-WebSocket-Key", "x")]));
    }

    [TestCase("wss://example.com/a", "example.com", 443, true, "/a", "example.com")]
    [TestCase("ws://127.0.0.1:8080", "127.0.0.1", 8080, false, "/", "127.0.0.1:8080")]
    [TestCase("ws://[::1]:81/x?y=1", "::1", 81, false, "/x?y=1", "[::1]:81")]
    public void Endpoint_parses_ws_and_wss_uris(string uri, string host, int port, bool secure, string resource, string hostHeader)
    {
        Assert.That(WebSocketEndpoint.Parse(new Uri(uri)), Is.EqualTo(new WebSocketEndpoint(host, port, secure, resource, hostHeader)));
    }

    [TestCase("http://example.com/")]
    [TestCase("ws://example.com/#fragment")]
    public void Endpoint_rejects_other_schemes_and_fragments(string uri)
    {
        var e = Assert.Throws<WebSocketConnectException>(() => WebSocketEndpoint.Parse(new Uri(uri)));
        Assert.That(e!.Failure, Is.EqualTo(ConnectFailure.InvalidUri));
    }

    private static HandshakeResponse Response(string text)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(text);
        int end = HandshakeResponse.FindEnd(bytes);
        Assert.That(end, Is.EqualTo(bytes.Length));
        return HandshakeResponse.TryParse(bytes.AsSpan(0, end), out string? error) ?? throw new AssertionException(error!);
    }

    private const string Good = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + Accept + "\r\n";

    [Test]
    public void Valid_response_is_accepted_with_subprotocol_and_deflate()
    {
        var r = Response(Good + "Sec-WebSocket-Protocol: v2\r\nSec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover\r\n\r\n");
        var result = HandshakeValidator.Validate(r, Key, ["v1", "v2"], new DeflateOptions());
        Assert.That((result.StatusCode, result.SubProtocol, result.Deflate?.ServerNoContextTakeover), Is.EqualTo((101, "v2", (bool?)true)));
    }

    [Test]
    public void Header_names_and_upgrade_tokens_are_case_insensitive()
    {
        var r = Response("HTTP/1.1 101 OK\r\nupgrade: WebSocket\r\nconnection: keep-alive, UPGRADE\r\nsec-websocket-accept: " + Accept + "\r\n\r\n");
        Assert.That(HandshakeValidator.Validate(r, Key, [], null).Deflate, Is.Null);
    }

    [TestCase("HTTP/1.1 302 Found\r\nLocation: wss://elsewhere/\r\n\r\n", ConnectFailure.Redirect, "redirect to wss://elsewhere/ not followed")]
    [TestCase("HTTP/1.1 403 Forbidden\r\n\r\n", ConnectFailure.HandshakeRejected, "HTTP 403 Forbidden")]
    [TestCase("HTTP/1.1 101 OK\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + Accept + "\r\n\r\n", ConnectFailure.InvalidHandshake, "Upgrade header")]
    [TestCase("HTTP/1.1 101 OK\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: " + Accept + "\r\n\r\n", ConnectFailure.InvalidHandshake, "Connection header")]
    [TestCase("HTTP/1.1 101 OK\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: wrong=\r\n\r\n", ConnectFailure.InvalidHandshake, "Sec-WebSocket-Accept")]
    [TestCase(Good + "Sec-WebSocket-Protocol: v9\r\n\r\n", ConnectFailure.InvalidHandshake, "subprotocol 'v9'")]
    [TestCase(Good + "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n", ConnectFailure.InvalidHandshake, "did not offer")]
    public void Response_breaking_rfc6455_is_rejected_with_a_reason(string response, ConnectFailure failure, string reason)
    {
        var e = Assert.Throws<WebSocketConnectException>(() => HandshakeValidator.Validate(Response(response), Key, ["v1"], null));
        Assert.That(e!.Failure, Is.EqualTo(failure));
        Assert.That(e.Message, Does.Contain(reason));
    }

    [TestCase("HTTP/1.0 101 OK\r\n\r\n")]
    [TestCase("HTTP/1.1 1O1 OK\r\n\r\n")]
    [TestCase("HTTP/1.1 101 OK\r\nNoColonHere\r\n\r\n")]
    [TestCase("HTTP/1.1 101 OK\r\nA: b\r\n folded\r\n\r\n")]
    public void Malformed_response_is_refused_with_a_reason(string response)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(response);
        Assert.That(HandshakeResponse.TryParse(bytes, out string? error), Is.Null);
        Assert.That(error, Is.Not.Empty);
    }
}
