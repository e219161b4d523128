using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using Appliance.Primitives.Time;
using Appliance.WebSockets.Connection;
using Appliance.WebSockets.Deflate;
using Appliance.WebSockets.Errors;

namespace Appliance.Cli;

/// <summary>
/// `appliance probe URL`: connects to a WebSocket endpoint the way the feed does (same client, same
/// synchronous receive loop) and reports what was negotiated, the ping round trip and the message rate.
/// Exit codes: 0 clean; 1 could not connect; 2 the connection failed; 3 fewer messages than asked for.
/// </summary>
internal static class ProbeCommand
{
    public const int ExitConnectFailed = 1;
    public const int ExitConnectionFailed = 2;
    public const int ExitTooFewMessages = 3;

    public static Command Create()
    {
        var url = new Argument<string>("url") { Description = "ws:// or wss:// endpoint" };
        var subscribe = new Option<string?>("--subscribe") { Description = "Text message to send after connecting (e.g. a subscription request)" };
        var messages = new Option<int?>("--messages") { Description = "Stop after this many messages" };
        var seconds = new Option<double?>("--seconds") { Description = "Stop after this many seconds (default 10)" };
        var print = new Option<bool>("--print") { Description = "Write each message on its own line (binary as hex)" };
        var sha256 = new Option<bool>("--sha256") { Description = "Write the SHA-256 of each message, one hex digest per line" };
        var noUtf8 = new Option<bool>("--no-utf8-check") { Description = "Skip UTF-8 validation of text messages" };
        var deflate = new Option<bool>("--deflate") { Description = "Offer permessage-deflate" };
        var caBundle = new Option<string?>("--ca-bundle") { Description = "PEM file of CA certificates to trust instead of the system store" };
        var headers = new Option<string[]>("--header") { Description = "Extra request header 'Name: value' (repeatable)", AllowMultipleArgumentsPerToken = false };

        var cmd = new Command("probe", "Connect to a WebSocket endpoint and report the handshake, ping RTT and message rate.")
        {
            url, subscribe, messages, seconds, print, sha256, noUtf8, deflate, caBundle, headers,
        };
        cmd.SetAction(parse => Run(new Settings(
            parse.GetValue(url)!,
            parse.GetValue(subscribe),
            parse.GetValue(messages),
            parse.GetValue(seconds),
            parse.GetValue(print),
            parse.GetValue(sha256),
            !parse.GetValue(noUtf8),
            parse.GetValue(deflate),
            parse.GetValue(caBundle),
            parse.GetValue(headers) ?? [])));
        return cmd;
    }

    private sealed record Settings(string Url, string? Subscribe, int? Messages, double? Seconds, bool Print, bool Sha256,
        bool ValidateUtf8, bool Deflate, string? CaBundle, string[] Headers);

    private static int Fail(int code, string reason)
    {
        Console.Error.WriteLine($"probe: {reason}");
        return code;
    }

    private static int Run(Settings s)
    {
        if (!Uri.TryCreate(s.Url, UriKind.Absolute, out Uri? uri)) return Fail(ExitConnectFailed, $"'{s.Url}' is not an absolute URI");
        if (s.Messages is <= 0) return Fail(ExitConnectFailed, "--messages must be positive");
        if (s.Seconds is <= 0) return Fail(ExitConnectFailed, "--seconds must be positive");
        var headerPairs = new List<KeyValuePair<string, string>>();
        foreach (string h in s.Headers)
        {
            int colon = h.IndexOf(':');
            if (colon <= 0) return Fail(ExitConnectFailed, $"--header '{h}' is not 'Name: value'");
            headerPairs.Add(new(h[..colon].Trim(), h[(colon + 1)..].Trim()));
        }
        var options = new WebSocketClientOptions
        {
            Name = "probe",
            Deflate = s.Deflate ? new DeflateOptions() : null,
            ValidateUtf8 = s.ValidateUtf8,
            CaBundlePath = s.CaBundle,
            Headers = headerPairs,
            KeepAliveInterval = TimeSpan.Zero, // one timed ping below is the RTT sample
        };

        var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 64 * 1024) { AutoFlush = false };
        long started = MonoClock.Now();
        WebSocketConnection connection;
        try
        {
            connection = WebSocketClient.Connect(uri, options);
        }
        catch (Exception e) when (e is WebSocketConnectException or ArgumentException)
        {
            string what = e is WebSocketConnectException c ? $"connect failed ({c.Failure})" : "invalid arguments";
            return Fail(ExitConnectFailed, $"{what}: {e.Message.ReplaceLineEndings(" ")}");
        }

        using (connection)
        {
            double connectMs = MonoClock.ElapsedNanoseconds(started, MonoClock.Now()) / 1e6;
            var handshake = connection.Handshake;
            stdout.WriteLine($"connected: {uri} in {connectMs:0.0} ms");
            stdout.WriteLine($"http: {handshake.StatusCode} {handshake.Response.ReasonPhrase}");
            stdout.WriteLine($"extensions: {handshake.Extensions ?? "none"}");
            if (handshake.SubProtocol is not null) stdout.WriteLine($"subprotocol: {handshake.SubProtocol}");
            stdout.WriteLine(connection.TlsProtocol is null ? "tls: none" : $"tls: {connection.TlsProtocol} {connection.TlsCipherSuite}");
            stdout.Flush();

            if (s.Subscribe is not null) connection.SendText(s.Subscribe);
            connection.SendTimedPing();

            // Always bounded: a probe that waits forever for a quiet feed tells the operator nothing.
            int deadlineHit = 0;
            using var stopTimer = new Timer(_ =>
            {
                Interlocked.Exchange(ref deadlineHit, 1);
                connection.Close(CloseCode.NormalClosure, "probe done");
            }, null, TimeSpan.FromSeconds(s.Seconds ?? 10), Timeout.InfiniteTimeSpan);

            var handler = new Printer(stdout, s.Print, s.Sha256, s.Messages ?? int.MaxValue);
            long receiveStart = MonoClock.Now();
            ReceiveStatus status;
            bool closeRequested = false;
            do
            {
                status = connection.Receive(ref handler);
                if (!closeRequested && handler.Count >= (s.Messages ?? int.MaxValue))
                {
                    closeRequested = true;
                    connection.Close(CloseCode.NormalClosure, "probe done");
                }
            } while (status == ReceiveStatus.Open);
            double elapsed = MonoClock.ElapsedNanoseconds(receiveStart, MonoClock.Now()) / 1e9;

            var counters = connection.Counters;
            long rtt = counters.LastRttNanos;
            stdout.WriteLine(rtt > 0 ? $"ping rtt: {rtt / 1000.0:0.0} us" : "ping rtt: no pong received");
            stdout.WriteLine($"messages: {handler.Count} in {elapsed:0.000} s ({(elapsed > 0 ? handler.Count / elapsed : 0):0.0} msg/s), {counters.MessageBytesReceived} payload bytes, {counters.BytesReceived} wire bytes");
            stdout.WriteLine($"close: {connection.DescribeOutcome()}");
            stdout.Flush();

            if (status == ReceiveStatus.Failed)
                return Fail(ExitConnectionFailed, $"connection failed: {connection.DescribeOutcome()}");
            if (s.Messages is int wanted && handler.Count < wanted)
                return Fail(ExitTooFewMessages, Volatile.Read(ref deadlineHit) == 1
                    ? $"only {handler.Count} of {wanted} messages within {s.Seconds ?? 10:0.###} s"
                    : $"server closed (code {connection.CloseCodeReceived}) after {handler.Count} of {wanted} messages");
            int code = connection.CloseCodeReceived;
            if (code is not (CloseCode.NormalClosure or CloseCode.GoingAway))
                return Fail(ExitConnectionFailed, $"server closed with code {code}{(connection.CloseReason is null ? "" : $" \"{connection.CloseReason}\"")}");
            return 0;
        }
    }

    /// <summary>Counts, and prints or hashes, each message up to the limit.</summary>
    private struct Printer(StreamWriter output, bool print, bool sha256, int limit) : IWebSocketMessageHandler
    {
        public int Count;

        public void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp)
        {
            if (Count >= limit) return;
            Count++;
            if (print) output.WriteLine(isText ? Encoding.UTF8.GetString(payload) : Convert.ToHexStringLower(payload));
            if (sha256) output.WriteLine(Convert.ToHexStringLower(SHA256.HashData(payload)));
            if (print || sha256) output.Flush();
        }
    }
}
