using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Appliance.MarketData.Config;
using Appliance.MarketData.Events;
using Appliance.MarketData.Feed;
using Appliance.MarketData.Instruments;
using Appliance.Primitives.Histograms;
using Appliance.Primitives.Rings;
using Appliance.Primitives.Threading;
using Appliance.Primitives.Time;
using Appliance.Venue;

namespace Appliance.LatencyHarness;

/// <summary>
/// Sustained single-feed throughput: a source → one feed session (one feed thread, pinned, spinning) →
/// ring → a consumer thread in the strategy's seat; messages/s, events/s, ring drops, the feed thread's
/// allocations, and the hop latency from the socket read to the consumer holding the event.
/// Sources: <c>venue</c>, the simulator in-process at <c>--rate</c> steps/s (0: as fast as it goes) with
/// slow consumers blocking the market, so nothing is lost upstream; <c>blast</c>, a bare loopback server
/// writing pre-built trade and bookTicker frames (ids patched in) as fast as the socket takes them: the
/// ceiling of the feed thread itself. Goal: ≥ 2 M messages/s sustained with 0 drops and 0 B/message.
/// </summary>
public static class FeedThroughput
{
    public static int Run(string[] args)
    {
        double seconds = 5;
        string source = "venue";
        long rate = 0;
        int lines = 1;
        int ringCapacity = 1 << 16;
        int cpuFeed = 0, cpuConsumer = Math.Min(1, Environment.ProcessorCount - 1);
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seconds": seconds = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--source": source = args[++i]; break;
                case "--rate": rate = long.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--lines": lines = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--ring": ringCapacity = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--cpus":
                    string[] parts = args[++i].Split(',');
                    cpuFeed = int.Parse(parts[0], CultureInfo.InvariantCulture);
                    cpuConsumer = int.Parse(parts[1], CultureInfo.InvariantCulture);
                    break;
                default: Console.Error.WriteLine($"feed: unknown argument {args[i]}"); return 64;
            }
        }
        if (source is not ("venue" or "blast")) { Console.Error.WriteLine($"feed: --source {source}: venue or blast"); return 64; }
        if (source == "blast" && lines != 1) { Console.Error.WriteLine("feed: the blast source serves one line"); return 64; }

        VenueHost? venue = null;
        Blaster? blaster = null;
        InstrumentTable instruments;
        FeedConfig[] feedLines;
        if (source == "venue")
        {
            venue = VenueServer.StartAsync(new VenueOptions
            {
                Urls = "http://127.0.0.1:0", Log = false, Rate = rate, SlowConsumer = Venue.Streams.SlowConsumerPolicy.Block, PingInterval = TimeSpan.Zero,
            }).GetAwaiter().GetResult();
            instruments = venue.CreateInstrumentTable();
            string[] streams = ["btcusdt@trade", "btcusdt@bookTicker", "btcusdt@depth@100ms", "ethusdt@trade", "ethusdt@bookTicker", "ethusdt@depth@100ms"];
            feedLines = Enumerable.Range(0, lines).Select(l => Line($"line{l}", ((char)('A' + l)).ToString(), venue.WebSocketUri("/stream").ToString(),
                new Uri(venue.BaseUri, "api/v3/depth").ToString(), streams, cpuFeed)).ToArray();
        }
        else
        {
            blaster = new Blaster();
            instruments = new InstrumentTable([new Instrument("BTC-USDT", "BTCUSDT", priceScale: 2, quantityScale: 8)]);
            feedLines = [Line("blast", "A", $"ws://127.0.0.1:{blaster.Port}/ws", null, ["btcusdt@trade", "btcusdt@bookTicker"], cpuFeed)];
        }

        var ring = new SpscRing<MarketEvent>(ringCapacity, "feed → consumer");
        var session = new FeedSession(new FeedSessionOptions
        {
            Name = "throughput", Lines = feedLines, Instruments = instruments, Ring = ring, Idle = FeedIdle.Spin, Overload = OverloadPolicy.Drop,
        });
        var consumer = new Consumer(ring);
        PinnedThread consumerThread = PinnedThread.Start(new PinnedThreadOptions { Name = "feed-consumer", Cpus = CpuSet.Of(cpuConsumer) }, consumer.Run);
        session.Start();

        FeedCounters c = session.Counters;
        var warmDeadline = DateTime.UtcNow.AddSeconds(30);
        while (c[FeedCounter.Messages] < 10_000 && DateTime.UtcNow < warmDeadline) Thread.Sleep(10);
        Thread.Sleep(1000);

        long m0 = c[FeedCounter.Messages], e0 = consumer.Events, d0 = c[FeedCounter.RingDrops], a0 = c[FeedCounter.FeedThreadAllocatedBytes];
        consumer.Recording = true;
        var started = DateTime.UtcNow;
        Thread.Sleep(TimeSpan.FromSeconds(seconds));
        double elapsed = (DateTime.UtcNow - started).TotalSeconds;
        consumer.Recording = false;
        long m1 = c[FeedCounter.Messages], e1 = consumer.Events, d1 = c[FeedCounter.RingDrops], a1 = c[FeedCounter.FeedThreadAllocatedBytes];

        session.Stop();
        consumer.Stop = true;
        consumerThread.Join(TimeSpan.FromSeconds(5));
        blaster?.Dispose();
        venue?.DisposeAsync().AsTask().GetAwaiter().GetResult();

        Console.WriteLine($"clock: {MonoClock.Source}; source {source}{(source == "venue" ? $" (rate {(rate == 0 ? "max" : rate.ToString(CultureInfo.InvariantCulture))}, slow consumers block the market)" : "")}; "
            + $"{lines} line(s); feed thread on CPU {session.Placement?.Affinity.ToString() ?? "?"}, consumer on CPU {consumerThread.Report.Affinity}; ring {ringCapacity}");
        Console.WriteLine($"messages: {m1 - m0} in {elapsed:0.000} s = {(m1 - m0) / elapsed:N0} messages/s; events {(e1 - e0) / elapsed:N0}/s");
        Console.WriteLine($"ring drops: {d1 - d0}; high-water {ring.HighWaterMark}/{ring.Capacity}; gaps {c[FeedCounter.Gaps]}, malformed {c[FeedCounter.Malformed]}, losses {c[FeedCounter.Losses]}");
        Console.WriteLine($"feed thread allocated: {a1 - a0} bytes over the run ({(m1 > m0 ? (a1 - a0) / (double)(m1 - m0) : 0):0.###} B/message)");
        Console.WriteLine();
        Console.WriteLine("socket read returned → consumer holds the event (ns):");
        consumer.Hop.WritePercentileDistribution(Console.Out);
        Console.WriteLine($"goal: ≥ 2,000,000 messages/s with 0 drops and 0 B/message");
        return 0;
    }

    private static FeedConfig Line(string name, string line, string url, string? snapshotUrl, string[] streams, int cpu) => new()
    {
        Name = name, Group = "throughput", Line = line, Url = url, SnapshotUrl = snapshotUrl, Streams = streams, Cpu = cpu,
        StaleAfterMs = 10_000, SnapshotDepth = 1000,
    };

    private sealed class Consumer(SpscRing<MarketEvent> ring)
    {
        public readonly HdrHistogram Hop = new(1, 60_000_000_000, 3);
        public volatile bool Recording;
        public volatile bool Stop;
        private long _events;

        public long Events => Volatile.Read(ref _events);

        public void Run()
        {
            while (!Stop)
            {
                int n = ring.TryReadBatch(out long first, 256);
                if (n == 0) continue;
                long now = MonoClock.Now();
                bool recording = Recording;
                for (int i = 0; i < n; i++)
                {
                    ref MarketEvent ev = ref ring[first + i];
                    if (recording && ev.Kind != MarketEventKind.Status && ev.Part == 0) Hop.RecordValue(Math.Max(1, MonoClock.ElapsedNanoseconds(ev.ReceiveTimestamp, now)));
                }
                ring.Advance(n);
                Volatile.Write(ref _events, _events + n);
            }
        }
    }

    /// <summary>A loopback WebSocket server writing trade and bookTicker frames with consecutive ids as fast as the socket takes them.</summary>
    private sealed class Blaster : IDisposable
    {
        private const int IdDigits = 12;
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly Thread _thread;
        private volatile bool _stop;

        public Blaster()
        {
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _thread = new Thread(Serve) { IsBackground = true, Name = "blaster" };
            _thread.Start();
        }

        public int Port { get; }

        private void Serve()
        {
            using Socket socket = Accept(_listener);
            socket.SendBufferSize = 4 << 20;
            Send(socket, Frame("""{"result":null,"id":1}"""u8));
            byte[] trade = Frame(Encoding.ASCII.GetBytes("{\"e\":\"trade\",\"E\":1717200000000,\"s\":\"BTCUSDT\",\"t\":000000000000,\"p\":\"67012.34000000\",\"q\":\"0.01200000\",\"T\":1717200000000,\"m\":true,\"M\":true}"));
            byte[] ticker = Frame(Encoding.ASCII.GetBytes("{\"u\":000000000000,\"s\":\"BTCUSDT\",\"b\":\"67012.34000000\",\"B\":\"1.50000000\",\"a\":\"67012.35000000\",\"A\":\"0.40000000\"}"));
            int tradeAt = trade.AsSpan().IndexOf("\"t\":"u8) + 4, tickerAt = ticker.AsSpan().IndexOf("\"u\":"u8) + 4;
            var buffer = new byte[256 * 1024];
            long tradeId = 100_000_000_000, updateId = 100_000_000_000;
            while (!_stop)
            {
                int length = 0;
                for (int i = 0; length + trade.Length < buffer.Length; i++)
                {
                    bool isTrade = (i & 3) != 3;
                    byte[] template = isTrade ? trade : ticker;
                    template.CopyTo(buffer, length);
                    Utf8Formatter.TryFormat(isTrade ? tradeId++ : updateId++, buffer.AsSpan(length + (isTrade ? tradeAt : tickerAt), IdDigits), out _, new StandardFormat('D', IdDigits));
                    length += template.Length;
                }
                if (!Send(socket, buffer.AsSpan(0, length))) return;
            }
        }

        private static bool Send(Socket socket, ReadOnlySpan<byte> data)
        {
            while (!data.IsEmpty)
            {
                int n = socket.Send(data, SocketFlags.None, out SocketError error);
                if (error != SocketError.Success || n <= 0) return false;
                data = data[n..];
            }
            return true;
        }

        private static byte[] Frame(ReadOnlySpan<byte> payload)
        {
            var frame = new byte[payload.Length + (payload.Length < 126 ? 2 : 4)];
            frame[0] = 0x81;
            if (payload.Length < 126) frame[1] = (byte)payload.Length;
            else { frame[1] = 126; frame[2] = (byte)(payload.Length >> 8); frame[3] = (byte)payload.Length; }
            payload.CopyTo(frame.AsSpan(frame.Length - payload.Length));
            return frame;
        }

        private static Socket Accept(TcpListener listener)
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

        public void Dispose()
        {
            _stop = true;
            _listener.Stop();
            _thread.Join(TimeSpan.FromSeconds(5));
        }
    }
}
