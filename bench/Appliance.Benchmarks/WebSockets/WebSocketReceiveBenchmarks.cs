using System.Net.WebSockets;
using Appliance.WebSockets.Connection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Appliance.Benchmarks.WebSockets;

/// <summary>
/// Receive + parse of a recorded Binance-style stream from memory: our pipe/parser/receive loop against the
/// BCL client (<see cref="WebSocket.CreateFromStream(Stream, bool, string?, TimeSpan)"/>) reading the
/// same stream. One operation is one message. Goal: ≥ 5x the BCL's throughput and 0 B/message.
/// ValidateUtf8=false shows what UTF-8 validation of text messages costs us (the BCL always validates).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Columns))]
public class WebSocketReceiveBenchmarks
{
    private const int Messages = 10_000;

    private sealed class Columns : ManualConfig
    {
        public Columns() => AddColumn(new MessagesPerSecondColumn());
    }

    [Params(true, false)]
    public bool ValidateUtf8 { get; set; }

    private WebSocketConnection _ours = null!;
    private WebSocket _bcl = null!;
    private readonly byte[] _bclBuffer = new byte[64 * 1024];

    [GlobalSetup]
    public void Setup()
    {
        byte[] recording = RecordedStream.Record(Messages, out _);
        _ours = WebSocketConnection.OverStream(new RecordedStream(recording), new WebSocketClientOptions
        {
            ValidateUtf8 = ValidateUtf8,
            KeepAliveInterval = TimeSpan.Zero,
            IdleTimeout = TimeSpan.Zero,
            CloseTimeout = TimeSpan.Zero,
        });
        _bcl = WebSocket.CreateFromStream(new RecordedStream(recording), isServer: false, subProtocol: null, keepAliveInterval: TimeSpan.Zero);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ours.Dispose();
        _bcl.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public long Bcl_CreateFromStream()
    {
        long bytes = 0;
        int length = 0;
        for (int messages = 0; messages < Messages;)
        {
            // The stream completes synchronously, so the ValueTask does too: no scheduling in the measurement.
            ValueTask<ValueWebSocketReceiveResult> pending = _bcl.ReceiveAsync(_bclBuffer.AsMemory(length), CancellationToken.None);
            ValueWebSocketReceiveResult result = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
            length += result.Count;
            if (!result.EndOfMessage) continue;
            bytes += _bclBuffer[0] + length; // touch the message as a decoder would
            length = 0;
            messages++;
        }
        return bytes;
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public long Appliance_Receive()
    {
        var handler = new Touch();
        while (handler.Messages < Messages) _ours.Receive(ref handler);
        return handler.Bytes;
    }

    private struct Touch : IWebSocketMessageHandler
    {
        public int Messages;
        public long Bytes;

        public void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp)
        {
            Bytes += payload[0] + payload.Length;
            Messages++;
        }
    }
}
