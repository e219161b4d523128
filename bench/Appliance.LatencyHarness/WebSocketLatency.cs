using System.Buffers;
using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Appliance.Primitives.Histograms;
using Appliance.Primitives.Threading;
using Appliance.Primitives.Time;
using Appliance.WebSockets.Connection;

namespace Appliance.LatencyHarness;

/// <summary>
/// One-way loopback latency of the WebSocket receive path: a server thread stamps a Binance-style trade
/// message and writes it; the client thread records the time when it holds the parsed payload. In
/// alternating phases of the same run the same bytes go over a raw TCP socket (send → recv, the floor)
/// and as a WebSocket frame read by our client (socket → pipe → frame parser → handler). One message is in
/// flight at a time, with a gap before each so the receiver is back in recv (or spinning, with --busy-poll).
/// Goal: our added latency (WebSocket − raw) ≤ 2 µs at p50.
/// </summary>
public static class WebSocketLatency
{
    private const int MessagesPerPhase = 5_000;
    private const int StampDigits = 19;
    private static readonly byte[] Template = Encoding.ASCII.GetBytes(
        "{\"e\":\"trade\",\"E\":0000000000000000000,\"s\":\"BTCUSDT\",\"t\":3456789012,\"p\":\"67012.34\",\"q\":\"0.01200\",\"m\":true}");
    private static readonly int StampOffset = Encoding.ASCII.GetString(Template).IndexOf("\"E\":", StringComparison.Ordinal) + 4;

    public static int Run(string[] args)
    {
        double seconds = 4;
        double gapMicros = 20;
        bool busyPoll = false;
        int cpuSender = 0, cpuReceiver = Math.Min(1, Environment.ProcessorCount - 1);
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seconds": seconds = double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--gap-us": gapMicros = double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--busy-poll": busyPoll = true; break;
                case "--cpus":
                    var parts = args[++i].Split(',');
                    cpuSender = int.Parse(parts[0]);
                    cpuReceiver = int.Parse(parts[1]);
                    break;
                default: Console.Error.WriteLine($"ws: unknown argument {args[i]}"); return 64;
            }
        }

        // Raw TCP pair: the floor.
        using var rawListener = new TcpListener(IPAddress.Loopback, 0);
        rawListener.Start();
        using var rawClient = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        rawClient.Connect((IPEndPoint)rawListener.LocalEndpoint);
        using Socket rawServer = rawListener.AcceptSocket();
        rawServer.NoDelay = true;
        if (busyPoll) rawClient.Blocking = false;

        // WebSocket pair: our client against a minimal server that writes pre-built frames.
        using var wsListener = new TcpListener(IPAddress.Loopback, 0);
        wsListener.Start();
        var accept = Task.Run(() => AcceptWebSocket(wsListener));
        using WebSocketConnection client = WebSocketClient.Connect(new Uri($"ws://127.0.0.1:{((IPEndPoint)wsListener.LocalEndpoint).Port}/"),
            new WebSocketClientOptions { KeepAliveInterval = TimeSpan.Zero, IdleTimeout = TimeSpan.Zero, BusyPoll = busyPoll });
        using Socket wsServer = accept.GetAwaiter().GetResult();

        var raw = new HdrHistogram(1, 10_000_000_000, 3);
        var ws = new HdrHistogram(1, 10_000_000_000, 3);
        var shared = new Shared();
        long gapTicks = MonoClock.FromNanoseconds((long)(gapMicros * 1000));
        long deadline = MonoClock.Now() + MonoClock.FromNanoseconds((long)(seconds * 1e9));

        var receiver = PinnedThread.Start(new PinnedThreadOptions { Name = "ws-receiver", Cpus = CpuSet.Of(cpuReceiver) }, () =>
        {
            var handler = new StampHandler { Shared = shared, Histogram = ws };
            byte[] rawBuffer = new byte[Template.Length];
            for (int phase = 0; ; phase++)
            {
                if (phase % 2 == 0)
                {
                    if (!ReceiveRaw(rawClient, rawBuffer, shared, raw)) return;
                }
                else
                {
                    handler.PhaseOver = false;
                    while (!handler.PhaseOver)
                        if (client.Receive(ref handler) != ReceiveStatus.Open) return;
                    if (handler.Stop) return;
                }
            }
        });

        var sender = PinnedThread.Start(new PinnedThreadOptions { Name = "ws-sender", Cpus = CpuSet.Of(cpuSender) }, () =>
        {
            byte[] message = (byte[])Template.Clone();
            byte[] frame = new byte[2 + message.Length];
            frame[0] = 0x81; // FIN, text
            frame[1] = (byte)message.Length;
            for (int phase = 0; ; phase++)
            {
                bool useRaw = phase % 2 == 0;
                Socket socket = useRaw ? rawServer : wsServer;
                Volatile.Write(ref shared.Recording, phase >= 2); // the first raw and WebSocket phases warm up
                for (int i = 0; i < MessagesPerPhase; i++)
                {
                    while (Volatile.Read(ref shared.Processed) != shared.Sent) { }
                    long until = MonoClock.Now() + gapTicks;
                    while (MonoClock.Now() < until) { }
                    SendStamped(socket, message, frame, useRaw, MonoClock.Now());
                    shared.Sent++;
                }
                bool done = !useRaw && phase >= 3 && MonoClock.Now() > deadline;
                while (Volatile.Read(ref shared.Processed) != shared.Sent) { }
                // Stamp 0 ends the phase; stamp 1 ends the run.
                SendStamped(socket, message, frame, useRaw, done ? 1 : 0);
                if (done) return;
            }
        });

        foreach (var t in new[] { sender, receiver })
            if (!t.Report.Started || t.Report.Warnings.Count > 0) Console.Error.WriteLine($"ws: {t.Report}");
        sender.Join(TimeSpan.FromMinutes(10));
        if (!receiver.Join(TimeSpan.FromSeconds(10))) Console.Error.WriteLine("ws: receiver did not finish");

        Console.WriteLine($"clock: {MonoClock.Source} ({MonoClock.Calibration})");
        Console.WriteLine($"threads: sender on CPU {sender.Report.Affinity}, receiver on CPU {receiver.Report.Affinity}; " +
                          $"receive {(busyPoll ? "busy-poll (non-blocking, spinning)" : "blocking recv")}; gap {gapMicros} us; message {Template.Length} bytes");
        Console.WriteLine();
        Console.WriteLine("Raw TCP send -> recv, the floor (ns):");
        raw.WritePercentileDistribution(Console.Out);
        Console.WriteLine();
        Console.WriteLine("WebSocket server write -> our client holds the parsed payload (ns):");
        ws.WritePercentileDistribution(Console.Out);
        Console.WriteLine();
        Console.WriteLine($"{"percentile",-10} {"raw ns",9} {"ws ns",9} {"added ns",9}");
        foreach (double p in new[] { 50, 90, 99, 99.9, 99.99 })
        {
            long r = raw.GetValueAtPercentile(p), w = ws.GetValueAtPercentile(p);
            Console.WriteLine($"{p,-10} {r,9} {w,9} {w - r,9}");
        }
        Console.WriteLine($"{"max",-10} {raw.MaxValue,9} {ws.MaxValue,9}");
        Console.WriteLine($"samples: raw {raw.TotalCount}, ws {ws.TotalCount}; goal: added ≤ 2000 ns at p50");
        return 0;
    }

    private sealed class Shared
    {
        public long Sent;        // sender only
        public long Processed;   // receiver writes, sender reads
        public bool Recording;
    }

    private static void SendStamped(Socket socket, byte[] message, byte[] frame, bool raw, long stamp)
    {
        Utf8Formatter.TryFormat(stamp, message.AsSpan(StampOffset, StampDigits), out _, new StandardFormat('D', StampDigits));
        if (raw)
        {
            socket.Send(message);
            return;
        }
        message.CopyTo(frame, 2);
        socket.Send(frame);
    }

    private static long ReadStamp(ReadOnlySpan<byte> payload)
    {
        Utf8Parser.TryParse(payload.Slice(StampOffset, StampDigits), out long stamp, out _);
        return stamp;
    }

    /// <summary>One raw phase: fixed-size messages until a stamp of 0 (next phase, true) or 1 (stop, false).</summary>
    private static bool ReceiveRaw(Socket socket, byte[] buffer, Shared shared, HdrHistogram histogram)
    {
        while (true)
        {
            int length = 0;
            while (length < buffer.Length)
            {
                int n = socket.Receive(buffer.AsSpan(length), SocketFlags.None, out SocketError error);
                if (error == SocketError.WouldBlock) continue;
                if (n <= 0) return false;
                length += n;
            }
            long now = MonoClock.Now();
            long stamp = ReadStamp(buffer);
            if (stamp <= 1) return stamp == 0;
            if (Volatile.Read(ref shared.Recording)) histogram.RecordValue(MonoClock.ElapsedNanoseconds(stamp, now));
            Volatile.Write(ref shared.Processed, shared.Processed + 1);
        }
    }

    private struct StampHandler : IWebSocketMessageHandler
    {
        public Shared Shared;
        public HdrHistogram Histogram;
        public bool PhaseOver;
        public bool Stop;

        public void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp)
        {
            long now = MonoClock.Now();
            long stamp = ReadStamp(payload);
            if (stamp <= 1)
            {
                PhaseOver = true;
                Stop = stamp == 1;
                return;
            }
            if (Volatile.Read(ref Shared.Recording)) Histogram.RecordValue(MonoClock.ElapsedNanoseconds(stamp, now));
            Volatile.Write(ref Shared.Processed, Shared.Processed + 1);
        }
    }

    /// <summary>The server half of the opening handshake, by hand: read the request, answer 101.</summary>
    private static Socket AcceptWebSocket(TcpListener listener)
    {
        Socket socket = listener.AcceptSocket();
        socket.NoDelay = true;
        var buffer = new byte[4096];
        int length = 0;
        while (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) < 0)
        {
            int n = socket.Receive(buffer.AsSpan(length));
            if (n == 0) throw new IOException("client left during the handshake");
            length += n;
        }
        string request = Encoding.ASCII.GetString(buffer, 0, length);
        string key = request.Split("\r\n").First(l => l.StartsWith("Sec-WebSocket-Key:", StringComparison.OrdinalIgnoreCase))["Sec-WebSocket-Key:".Length..].Trim();
        string accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
        socket.Send(Encoding.ASCII.GetBytes($"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"));
        return socket;
    }
}
