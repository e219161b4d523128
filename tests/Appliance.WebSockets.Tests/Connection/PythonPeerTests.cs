using System.Text;
using System.Text.Json;
using Appliance.WebSockets.Connection;
using Appliance.WebSockets.Deflate;
using Appliance.WebSockets.Errors;
using Appliance.WebSockets.Tests.Support;

namespace Appliance.WebSockets.Tests.Connection;

/// <summary>Conformance against Debian's python3-websockets over real loopback sockets.</summary>
[NonParallelizable]
public class PythonPeerTests
{
    private PythonPeer _peer = null!;

    [OneTimeSetUp]
    public void StartPeer() => _peer = PythonPeer.Start();

    [OneTimeTearDown]
    public void StopPeer() => _peer.Dispose();

    internal static WebSocketClientOptions Options(string deflate = "off") => new()
    {
        IdleTimeout = TimeSpan.FromSeconds(15), // a stuck peer fails the test instead of hanging it
        KeepAliveInterval = TimeSpan.Zero,
        Deflate = deflate switch
        {
            "off" => null,
            "on" => new DeflateOptions(),
            "no-context" => new DeflateOptions { ServerNoContextTakeover = true, ClientNoContextTakeover = true, ServerMaxWindowBits = 10 },
            _ => throw new ArgumentOutOfRangeException(nameof(deflate)),
        },
    };

    internal static ReceiveStatus RunSync(WebSocketConnection connection, MessageLog log)
    {
        var handler = new LogHandler(log);
        return connection.Run(ref handler);
    }

    /// <summary>Every message but the last must match the digests the peer lists in the last one.</summary>
    internal static void AssertDigestsMatch(MessageLog log)
    {
        Assert.That(log.Count, Is.GreaterThan(0));
        string last = log.Text(log.Count - 1);
        Assert.That(last, Does.StartWith("DIGESTS "));
        string[] expected = JsonSerializer.Deserialize<string[]>(last["DIGESTS ".Length..])!;
        string[] actual = log.Messages.Take(log.Count - 1).Select(m => MessageLog.Sha256(m.Payload)).ToArray();
        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public async Task Messages_of_every_length_form_arrive_byte_exact(
        [Values(false, true)] bool fragmented, [Values("off", "on", "no-context")] string deflate, [Values(false, true)] bool asyncMode)
    {
        Uri uri = _peer.Uri($"/messages?fragment={(fragmented ? 1 : 0)}&seed=11");
        using var connection = await WebSocketClient.ConnectAsync(uri, Options(deflate));
        var log = new MessageLog();
        ReceiveStatus status = asyncMode ? await connection.RunAsync(log) : RunSync(connection, log);

        Assert.That(status, Is.EqualTo(ReceiveStatus.Closed), connection.DescribeOutcome());
        Assert.That(connection.CloseCodeReceived, Is.EqualTo(1000));
        AssertDigestsMatch(log);
        Assert.That(log.Messages.Any(m => m.Payload.Length == 1_048_576), "the 64-bit length message arrived");
        string result = _peer.WaitForResult(uri);
        Assert.That(result, Does.Contain("sent=24"));
        Assert.That(connection.Handshake.Deflate is not null, Is.EqualTo(deflate != "off"));
        Assert.That(result.Contains("PerMessageDeflate"), Is.EqualTo(deflate != "off"), result);
        if (deflate == "no-context") Assert.That(connection.Handshake.Deflate!.ServerNoContextTakeover && connection.Handshake.Deflate.ServerMaxWindowBits == 10);
    }

    [Test]
    public void Pings_between_fragments_are_answered_and_the_message_survives([Values("off", "on")] string deflate)
    {
        Uri uri = _peer.Uri("/pings");
        using var connection = WebSocketClient.ConnectAsync(uri, Options(deflate)).GetAwaiter().GetResult();
        var log = new MessageLog();
        Assert.That(RunSync(connection, log), Is.EqualTo(ReceiveStatus.Closed), connection.DescribeOutcome());
        AssertDigestsMatch(log);
        Assert.That(_peer.WaitForResult(uri), Does.StartWith("pings=3 answered=3"));
        Assert.That((connection.Counters.PingsReceived, connection.Counters.PongsSent), Is.EqualTo((3L, 3L)));
    }

    [TestCase(1000, "")]
    [TestCase(1001, "going away")]
    [TestCase(4001, "custom reason é")]
    public async Task Server_close_is_echoed_with_its_code(int code, string reason)
    {
        Uri uri = _peer.Uri($"/close?code={code}&reason={Uri.EscapeDataString(reason)}");
        using var connection = await WebSocketClient.ConnectAsync(uri, Options());
        Assert.That(RunSync(connection, new MessageLog()), Is.EqualTo(ReceiveStatus.Closed));
        Assert.That(connection.CloseCodeReceived, Is.EqualTo(code));
        Assert.That(connection.CloseReason ?? "", Is.EqualTo(reason));
        Assert.That(connection.Counters.CloseCodeSent, Is.EqualTo(code));
        Assert.That(_peer.WaitForResult(uri), Does.StartWith($"code={code} "));
    }

    [TestCase("rsv2", WebSocketErrorKind.ReservedBitsSet, 1002)]
    [TestCase("rsv1-not-negotiated", WebSocketErrorKind.CompressionNotNegotiated, 1002)]
    [TestCase("opcode3", WebSocketErrorKind.UnknownOpcode, 1002)]
    [TestCase("opcode11", WebSocketErrorKind.UnknownOpcode, 1002)]
    [TestCase("masked", WebSocketErrorKind.MaskedFrameFromServer, 1002)]
    [TestCase("fragmented-ping", WebSocketErrorKind.FragmentedControlFrame, 1002)]
    [TestCase("long-ping", WebSocketErrorKind.ControlFrameTooLong, 1002)]
    [TestCase("continuation-first", WebSocketErrorKind.UnexpectedContinuation, 1002)]
    [TestCase("text-inside-fragmented", WebSocketErrorKind.ExpectedContinuation, 1002)]
    [TestCase("invalid-utf8", WebSocketErrorKind.InvalidUtf8, 1007)]
    [TestCase("invalid-utf8-fragmented", WebSocketErrorKind.InvalidUtf8, 1007)]
    [TestCase("close-one-byte", WebSocketErrorKind.InvalidClosePayload, 1002)]
    [TestCase("close-code-999", WebSocketErrorKind.InvalidCloseCode, 1002)]
    [TestCase("close-code-1005", WebSocketErrorKind.InvalidCloseCode, 1002)]
    [TestCase("close-reason-invalid-utf8", WebSocketErrorKind.InvalidUtf8, 1007)]
    [TestCase("length-msb", WebSocketErrorKind.InvalidPayloadLength, 1002)]
    [TestCase("too-big", WebSocketErrorKind.MessageTooLarge, 1009)]
    [TestCase("bad-deflate", WebSocketErrorKind.InflateFailed, 1002)]
    public async Task Protocol_violation_fails_the_connection_with_the_right_close_code(string violation, WebSocketErrorKind kind, int code)
    {
        Uri uri = _peer.Uri($"/violation/{violation}");
        WebSocketClientOptions options = Options(violation == "bad-deflate" ? "on" : "off") with { MaxMessageSize = 1024 };
        using var connection = await WebSocketClient.ConnectAsync(uri, options);
        Assert.That(RunSync(connection, new MessageLog()), Is.EqualTo(ReceiveStatus.Failed));
        Assert.That(connection.Error.Kind, Is.EqualTo(kind), connection.DescribeOutcome());
        Assert.That(connection.Error.CloseCode, Is.EqualTo(code));
        Assert.That(connection.Counters.ProtocolErrors, Is.EqualTo(1));
        Assert.That(_peer.WaitForResult(uri), Does.StartWith($"code={code} "), "the peer saw our close frame with this code");
    }

    [Test]
    public void Sent_messages_of_every_size_come_back_byte_exact([Values("off", "on")] string deflate)
    {
        Uri uri = _peer.Uri("/echo");
        using var connection = WebSocketClient.ConnectAsync(uri, Options(deflate)).GetAwaiter().GetResult();
        var random = new Random(9);
        var sent = new List<(byte[] Payload, bool Text)>();
        foreach (int size in new[] { 0, 1, 125, 126, 127, 65535, 65536, 100_003, 1_000_000 })
        {
            byte[] binary = new byte[size];
            random.NextBytes(binary);
            sent.Add((binary, false));
            sent.Add((Encoding.UTF8.GetBytes(new string('é', size / 2)), true));
        }
        var log = new MessageLog();
        var handler = new LogHandler(log);
        foreach (var (payload, text) in sent)
        {
            Assert.That(text ? connection.SendText(payload) : connection.SendBinary(payload), Is.True);
            int expected = log.Count + 1;
            while (log.Count < expected) Assert.That(connection.Receive(ref handler), Is.EqualTo(ReceiveStatus.Open), connection.DescribeOutcome());
        }
        Assert.That(log.Messages.Select(m => (MessageLog.Sha256(m.Payload), m.IsText)), Is.EqualTo(sent.Select(s => (MessageLog.Sha256(s.Payload), s.Text))));
        Assert.That(connection.SendText("ünïcode string"), Is.True);
        while (log.Count <= sent.Count) connection.Receive(ref handler);
        Assert.That(log.Text(sent.Count), Is.EqualTo("ünïcode string"));

        Assert.That(connection.Close(1000, "done"), Is.True);
        Assert.That(connection.Run(ref handler), Is.EqualTo(ReceiveStatus.Closed));
        Assert.That(connection.CloseCodeReceived, Is.EqualTo(1000));
        Assert.That(_peer.WaitForResult(uri), Does.StartWith($"echoed={sent.Count + 1} "));
        Assert.That(connection.SendText("after close"), Is.False);
    }

    [Test]
    public void Keep_alive_pings_measure_round_trip_time()
    {
        var options = Options() with { KeepAliveInterval = TimeSpan.FromMilliseconds(40) };
        Uri uri = _peer.Uri("/echo");
        using var connection = WebSocketClient.ConnectAsync(uri, options).GetAwaiter().GetResult();
        var receiver = Task.Run(() => RunSync(connection, new MessageLog()));
        // PingsSent counts after the write returns, so a pong can be counted before its ping: wait for both.
        Await.Until(() => connection.Counters.PongsReceived >= 2 && connection.Counters.PingsSent >= 2 && connection.Counters.LastRttNanos > 0, "two timed pongs");
        Assert.That(connection.Counters.LastRttNanos, Is.InRange(1_000, 2_000_000_000));
        connection.Close();
        Assert.That(receiver.Wait(TimeSpan.FromSeconds(10)) && receiver.Result == ReceiveStatus.Closed, connection.DescribeOutcome());
        _peer.WaitForResult(uri);
    }

    [Test]
    public async Task Unknown_scenario_closes_with_the_peers_code()
    {
        Uri uri = _peer.Uri("/nothing-here");
        using var connection = await WebSocketClient.ConnectAsync(uri, Options());
        Assert.That(await connection.RunAsync(new MessageLog()), Is.EqualTo(ReceiveStatus.Closed));
        Assert.That((connection.CloseCodeReceived, connection.CloseReason), Is.EqualTo((4404, "no such scenario")));
        _peer.WaitForResult(uri);
    }
}
