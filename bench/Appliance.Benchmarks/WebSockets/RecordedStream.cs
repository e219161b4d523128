using System.Text;
using Appliance.WebSockets.Frames;

namespace Appliance.Benchmarks.WebSockets;

/// <summary>
/// A recorded Binance-style market-data session (server frames, unmasked) replayed endlessly from memory
/// in reads of at most <see cref="ReadSize"/> bytes, the way a socket hands over a busy stream.
/// </summary>
internal sealed class RecordedStream : Stream
{
    public const int ReadSize = 16 * 1024;

    private readonly byte[] _recording;
    private int _position;

    public RecordedStream(byte[] recording) => _recording = recording;

    /// <summary>
    /// <paramref name="count"/> messages: mostly trades, some depth updates and book tickers, sizes 100-400 bytes,
    /// and a ping every 1000 messages, as the venue sends them.
    /// </summary>
    public static byte[] Record(int count, out long payloadBytes)
    {
        var random = new Random(20240601);
        var stream = new MemoryStream();
        var header = new byte[14];
        payloadBytes = 0;
        long tradeId = 3_456_789_000;
        long time = 1_717_200_000_000;
        for (int i = 0; i < count; i++)
        {
            time += random.Next(0, 3);
            string json = (i % 10) switch
            {
                0 => $"{{\"stream\":\"btcusdt@depth@100ms\",\"data\":{{\"e\":\"depthUpdate\",\"E\":{time},\"s\":\"BTCUSDT\",\"U\":{tradeId * 3},\"u\":{tradeId * 3 + 4}," +
                     $"\"b\":[[\"{67000 + random.Next(100)}.{random.Next(100):00}\",\"{random.Next(1, 900) / 100.0:0.00000}\"],[\"{66990 + random.Next(10)}.10\",\"0.00000\"]]," +
                     $"\"a\":[[\"{67100 + random.Next(100)}.{random.Next(100):00}\",\"{random.Next(1, 900) / 100.0:0.00000}\"]]}}}}",
                1 or 2 => $"{{\"stream\":\"btcusdt@bookTicker\",\"data\":{{\"u\":{tradeId * 7},\"s\":\"BTCUSDT\",\"b\":\"{67000 + random.Next(100)}.{random.Next(100):00}\",\"B\":\"{random.Next(1, 900) / 100.0:0.000}\"," +
                          $"\"a\":\"{67100 + random.Next(100)}.{random.Next(100):00}\",\"A\":\"{random.Next(1, 900) / 100.0:0.000}\"}}}}",
                _ => $"{{\"stream\":\"btcusdt@trade\",\"data\":{{\"e\":\"trade\",\"E\":{time},\"s\":\"BTCUSDT\",\"t\":{tradeId++},\"p\":\"{67000 + random.Next(200)}.{random.Next(100):00}\"," +
                     $"\"q\":\"0.{random.Next(1, 99999):00000}\",\"T\":{time - 1},\"m\":{(random.Next(2) == 0 ? "true" : "false")},\"M\":true}}}}",
            };
            byte[] payload = Encoding.UTF8.GetBytes(json);
            payloadBytes += payload.Length;
            stream.Write(header, 0, FrameWriter.WriteServerHeader(header, Opcode.Text, true, payload.Length));
            stream.Write(payload);
        }
        return stream.ToArray();
    }

    public override int Read(Span<byte> buffer)
    {
        int n = Math.Min(Math.Min(buffer.Length, ReadSize), _recording.Length - _position);
        _recording.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        if (_position == _recording.Length) _position = 0;
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    // Pongs and closes the clients send go nowhere.
    public override void Write(ReadOnlySpan<byte> buffer) { }
    public override void Write(byte[] buffer, int offset, int count) { }
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => default;
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.CompletedTask;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
