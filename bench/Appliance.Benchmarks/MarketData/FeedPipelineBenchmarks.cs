using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Appliance.Benchmarks.WebSockets;
using Appliance.MarketData.Decoding;
using Appliance.MarketData.Events;
using Appliance.MarketData.Feed;
using Appliance.MarketData.Instruments;
using Appliance.WebSockets.Connection;
using Appliance.WebSockets.Frames;
using BenchmarkDotNet.Attributes;

namespace Appliance.Benchmarks.MarketData;

/// <summary>
/// The whole receive path per message, from socket bytes to a usable event, one message type at a time:
/// a recorded raw Binance stream (server frames, 10 000 messages with consecutive ids) read from memory in
/// 16 KiB reads. Baseline: what a .NET user would write, the BCL WebSocket
/// (<see cref="WebSocket.CreateFromStream(Stream, bool, string?, TimeSpan)"/>) and System.Text.Json
/// source-generated deserialization into classes (prices and quantities left as strings), and the same
/// with them read as <c>decimal</c> (like for like: our events carry them as numbers); beside it the BCL WebSocket with a bare
/// <see cref="Utf8JsonReader"/> walk (tokenizing only, no values kept). Ours: pipe → frame parser →
/// BinanceDecoder into an event, and the same plus the feed processor (ids checked, duplicates and gaps,
/// book sync) publishing into a sink. Goals: trade and bookTicker ≤ 150 ns frames+decode, ≥ 10x the
/// baseline, 0 B per message.
/// </summary>
[MemoryDiagnoser]
public class FeedPipelineBenchmarks
{
    private const int Messages = 10_000;

    [Params("trade", "aggTrade", "bookTicker", "depthUpdate")]
    public string Message { get; set; } = "trade";

    private WebSocket _bcl = null!;
    private readonly byte[] _bclBuffer = new byte[64 * 1024];
    private WebSocketConnection _decodeOnly = null!;
    private WebSocketConnection _processed = null!;
    private BinanceDecoder _decoder = null!;
    private MarketEventBuffer _buffer = new(64);
    private FeedProcessor<CountingSink> _processor = null!;
    private byte[] _firstDiff = [];
    private byte[] _snapshot = [];

    [GlobalSetup]
    public void Setup()
    {
        byte[] recording = Record(Message, Messages, out _firstDiff, out _snapshot);
        var options = new WebSocketClientOptions { KeepAliveInterval = TimeSpan.Zero, IdleTimeout = TimeSpan.Zero, CloseTimeout = TimeSpan.Zero };
        _bcl = WebSocket.CreateFromStream(new RecordedStream(recording), isServer: false, subProtocol: null, keepAliveInterval: TimeSpan.Zero);
        _decodeOnly = WebSocketConnection.OverStream(new RecordedStream(recording), options);
        _processed = WebSocketConnection.OverStream(new RecordedStream(recording), options);
        var table = new InstrumentTable([new Instrument("BTC-USDT", "BTCUSDT", priceScale: 2, quantityScale: 8)]);
        _decoder = new BinanceDecoder(table);
        string stream = Message switch { "depthUpdate" => "btcusdt@depth@100ms", _ => $"btcusdt@{Message}" };
        _processor = new FeedProcessor<CountingSink>(table, [stream], 1, new FeedCounters(1), default);
        if (Appliance_FramesDecodeProcess() < Messages) throw new InvalidOperationException($"{Message}: the processor dropped messages");
        if (Appliance_FramesDecode() != Messages) throw new InvalidOperationException($"{Message}: not every message decoded");
        // One lap each (the recording is exactly one lap, so the BCL socket ends where it started).
        if (Bcl_SystemTextJson_SourceGenerated_DecimalPrices() != Bcl_SystemTextJson_SourceGenerated())
            throw new InvalidOperationException($"{Message}: the two System.Text.Json peers read different messages");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _bcl.Dispose();
        _decodeOnly.Dispose();
        _processed.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public long Bcl_SystemTextJson_SourceGenerated() => BclSystemTextJson(decimalPrices: false);

    /// <summary>
    /// The same with prices and quantities read as numbers (<c>decimal</c>), the output a trading consumer
    /// needs and ours gives: the like-for-like peer. The baseline above leaves them as strings.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public long Bcl_SystemTextJson_SourceGenerated_DecimalPrices() => BclSystemTextJson(decimalPrices: true);

    private long BclSystemTextJson(bool decimalPrices)
    {
        long sum = 0;
        for (int m = 0; m < Messages; m++)
        {
            int length = ReceiveBcl();
            ReadOnlySpan<byte> payload = _bclBuffer.AsSpan(0, length);
            sum += (Message, decimalPrices) switch
            {
                ("trade", false) => JsonSerializer.Deserialize(payload, BinanceJsonContext.Default.TradeDto)!.TradeId,
                ("aggTrade", false) => JsonSerializer.Deserialize(payload, BinanceJsonContext.Default.AggTradeDto)!.AggTradeId,
                ("bookTicker", false) => JsonSerializer.Deserialize(payload, BinanceJsonContext.Default.BookTickerDto)!.UpdateId,
                (_, false) => JsonSerializer.Deserialize(payload, BinanceJsonContext.Default.DepthUpdateDto)!.LastUpdateId,
                ("trade", true) => JsonSerializer.Deserialize(payload, BinanceDecimalJsonContext.Default.TradeDecimalDto)!.TradeId,
                ("aggTrade", true) => JsonSerializer.Deserialize(payload, BinanceDecimalJsonContext.Default.AggTradeDecimalDto)!.AggTradeId,
                ("bookTicker", true) => JsonSerializer.Deserialize(payload, BinanceDecimalJsonContext.Default.BookTickerDecimalDto)!.UpdateId,
                (_, true) => JsonSerializer.Deserialize(payload, BinanceDecimalJsonContext.Default.DepthUpdateDecimalDto)!.LastUpdateId,
            };
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public long Bcl_Utf8JsonReader_Walk()
    {
        long sum = 0;
        for (int m = 0; m < Messages; m++)
        {
            var reader = new Utf8JsonReader(_bclBuffer.AsSpan(0, ReceiveBcl()));
            while (reader.Read()) sum += reader.ValueSpan.Length;
        }
        return sum;
    }

    /// <summary>Socket bytes → frames → decoded event in a buffer.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public long Appliance_FramesDecode()
    {
        var handler = new DecodeHandler { Decoder = _decoder, Buffer = _buffer };
        while (handler.Messages < Messages) _decodeOnly.Receive(ref handler);
        return handler.Decoded;
    }

    /// <summary>
    /// Socket bytes → frames → decode → feed processor (duplicate/gap checks, depth sync) → published event.
    /// One invocation is exactly one lap of the recording (reads never cross its end), so the processor is
    /// reset and, for depth, given the snapshot that the lap's first diff continues.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public long Appliance_FramesDecodeProcess()
    {
        _processor.Reset();
        if (Message == "depthUpdate")
        {
            _processor.OnMessage(0, 1, 1, _firstDiff);
            _processor.TryTakeSnapshotRequest(out SnapshotRequest request);
            _processor.OnSnapshot(0, request.RequestId, 200, _snapshot, 1);
        }
        long before = _processor.Sink.Events;
        var handler = new ProcessHandler { Processor = _processor };
        while (handler.Messages < Messages) _processed.Receive(ref handler);
        return _processor.Sink.Events - before;
    }

    private int ReceiveBcl()
    {
        int length = 0;
        while (true)
        {
            // The stream completes synchronously, so the ValueTask does too: no scheduling in the measurement.
            ValueTask<ValueWebSocketReceiveResult> pending = _bcl.ReceiveAsync(_bclBuffer.AsMemory(length), CancellationToken.None);
            ValueWebSocketReceiveResult result = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
            length += result.Count;
            if (result.EndOfMessage) return length;
        }
    }

    private struct DecodeHandler : IWebSocketMessageHandler
    {
        public BinanceDecoder Decoder;
        public MarketEventBuffer Buffer;
        public int Messages;
        public long Decoded;

        public void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp)
        {
            Messages++;
            Buffer.Clear();
            if (Decoder.Decode(payload, new DecodeContext(receiveTimestamp, 1), ref Buffer).IsOk) Decoded++;
        }
    }

    private struct ProcessHandler : IWebSocketMessageHandler
    {
        public FeedProcessor<CountingSink> Processor;
        public int Messages;

        public void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp)
        {
            Messages++;
            Processor.OnMessage(0, 1, receiveTimestamp, payload);
        }
    }

    /// <summary>Counts and touches what is published, as a consumer would read it.</summary>
    public struct CountingSink : IFeedEventSink
    {
        public long Events;
        public long Touch;

        public void Publish(ReadOnlySpan<MarketEvent> events)
        {
            Events += events.Length;
            Touch += events[0].LastId;
        }

        public void Poll(long now)
        {
        }
    }

    /// <summary>
    /// <paramref name="count"/> raw-stream messages of one type, ids consecutive (depth: U = previous u + 1, from 1001),
    /// framed as a server sends them; also the diff and snapshot that put the processor in sync before id 1001.
    /// </summary>
    internal static byte[] Record(string type, int count, out byte[] firstDiff, out byte[] snapshot)
    {
        var random = new Random(20240601);
        var stream = new MemoryStream();
        var header = new byte[14];
        long time = 1_717_200_000_000;
        long id = 1001;
        for (int i = 0; i < count; i++)
        {
            time += random.Next(0, 3);
            string price = $"{67000 + random.Next(200)}.{random.Next(100):00}000000";
            string qty = $"0.{random.Next(1, 99999):00000}000";
            string json = type switch
            {
                "trade" => $"{{\"e\":\"trade\",\"E\":{time},\"s\":\"BTCUSDT\",\"t\":{id},\"p\":\"{price}\",\"q\":\"{qty}\",\"T\":{time - 1},\"m\":{(random.Next(2) == 0 ? "true" : "false")},\"M\":true}}",
                "aggTrade" => $"{{\"e\":\"aggTrade\",\"E\":{time},\"s\":\"BTCUSDT\",\"a\":{id},\"p\":\"{price}\",\"q\":\"{qty}\",\"f\":{id * 3},\"l\":{id * 3 + 2},\"T\":{time - 1},\"m\":true,\"M\":true}}",
                "bookTicker" => $"{{\"u\":{id * 5},\"s\":\"BTCUSDT\",\"b\":\"{price}\",\"B\":\"{qty}\",\"a\":\"{67300 + random.Next(100)}.00000000\",\"A\":\"{qty}\"}}",
                _ => $"{{\"e\":\"depthUpdate\",\"E\":{time},\"s\":\"BTCUSDT\",\"U\":{id * 3},\"u\":{id * 3 + 2},\"b\":[[\"{price}\",\"{qty}\"],[\"{66990 + random.Next(10)}.10000000\",\"0.00000000\"]],\"a\":[[\"{67300 + random.Next(100)}.{random.Next(100):00}000000\",\"{qty}\"]]}}",
            };
            id++;
            byte[] payload = Encoding.UTF8.GetBytes(json);
            stream.Write(header, 0, FrameWriter.WriteServerHeader(header, Opcode.Text, true, payload.Length));
            stream.Write(payload);
        }
        firstDiff = Encoding.UTF8.GetBytes("""{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":3000,"u":3002,"b":[["100.00","1"]],"a":[["70000.00","1"]]}""");
        snapshot = Encoding.UTF8.GetBytes("""{"lastUpdateId":3002,"bids":[["100.00","1"]],"asks":[["70000.00","1"]]}""");
        return stream.ToArray();
    }
}
