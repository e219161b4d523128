using System.IO.Compression;
using System.Text;
using Appliance.WebSockets.Deflate;
using Appliance.WebSockets.Frames;
using Appliance.WebSockets.Tests.Support;
using static Appliance.WebSockets.Tests.Support.ServerFrames;

namespace Appliance.WebSockets.Tests.Deflate;

public class MessageInflaterTests
{
    /// <summary>Compresses messages like a permessage-deflate sender: one compressor, sync flush, tail stripped.</summary>
    internal sealed class Compressor(bool noContextTakeover = false) : IDisposable
    {
        private readonly MemoryStream _output = new();
        private DeflateStream? _deflate;

        public byte[] Compress(ReadOnlySpan<byte> message)
        {
            if (_deflate is null || noContextTakeover)
            {
                _deflate?.Dispose();
                _deflate = new DeflateStream(_output, CompressionLevel.Optimal, leaveOpen: true);
            }
            _output.SetLength(0);
            _deflate.Write(message);
            _deflate.Flush(); // Z_SYNC_FLUSH: ends with 00 00 FF FF
            byte[] bytes = _output.ToArray();
            Assert.That(bytes[^4..], Is.EqualTo(new byte[] { 0, 0, 0xFF, 0xFF }));
            return bytes[..^4];
        }

        public void Dispose() => _deflate?.Dispose();
    }

    [Test]
    public void Message_compressed_by_zlib_in_python_inflates()
    {
        // python3: zlib.compressobj(wbits=-15); compress(b"hello hello hello hello") + flush(Z_SYNC_FLUSH), tail removed.
        byte[] compressed = Convert.FromHexString("ca48cdc9c957c840270100");
        using var inflater = new MessageInflater();
        byte[] output = new byte[8];
        Assert.That(inflater.Inflate(compressed, ref output, 1024, out int written), Is.EqualTo(InflateStatus.Ok));
        Assert.That(Encoding.ASCII.GetString(output, 0, written), Is.EqualTo("hello hello hello hello"));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Messages_inflate_in_sequence_with_and_without_context_takeover(bool noContextTakeover)
    {
        using var compressor = new Compressor(noContextTakeover);
        using var inflater = new MessageInflater();
        byte[] output = new byte[16];
        var random = new Random(5);
        for (int i = 0; i < 300; i++)
        {
            string json = $"{{\"e\":\"trade\",\"E\":{1700000000000 + i},\"s\":\"BTCUSDT\",\"p\":\"{random.Next(1000, 99999)}.{random.Next(100)}\",\"pad\":\"{new string('x', random.Next(0, 70000))}\"}}";
            byte[] message = Encoding.UTF8.GetBytes(json);
            Assert.That(inflater.Inflate(compressor.Compress(message), ref output, 1 << 20, out int written), Is.EqualTo(InflateStatus.Ok), $"message {i}");
            Assert.That(output.AsSpan(0, written).SequenceEqual(message), $"message {i}");
        }
    }

    [Test]
    public void Message_larger_than_the_limit_is_too_large_and_one_at_the_limit_fits()
    {
        using var compressor = new Compressor();
        using var inflater = new MessageInflater();
        byte[] output = new byte[64];
        Assert.That(inflater.Inflate(compressor.Compress(new byte[1000]), ref output, 1000, out int written), Is.EqualTo(InflateStatus.Ok));
        Assert.That(written, Is.EqualTo(1000));
        Assert.That(inflater.Inflate(compressor.Compress(new byte[1001]), ref output, 1000, out _), Is.EqualTo(InflateStatus.TooLarge));
        Assert.That(output, Has.Length.EqualTo(1000), "the buffer never grows past the limit");
    }

    [Test]
    public void Corrupt_data_is_reported_not_thrown()
    {
        using var inflater = new MessageInflater();
        byte[] output = new byte[64];
        Assert.That(inflater.Inflate(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }, ref output, 1000, out _), Is.EqualTo(InflateStatus.InvalidData));
    }

    [Test]
    public void Inflating_allocates_nothing_per_message_in_steady_state()
    {
        using var compressor = new Compressor();
        byte[][] messages = Enumerable.Range(0, 2000)
            .Select(i => compressor.Compress(Encoding.UTF8.GetBytes($"{{\"e\":\"depthUpdate\",\"u\":{i},\"b\":[[\"42000.{i % 100}\",\"1.5\"]],\"a\":[]}}")))
            .ToArray();
        using var inflater = new MessageInflater();
        byte[] output = new byte[4096];
        for (int i = 0; i < 1000; i++) inflater.Inflate(messages[i], ref output, 1 << 20, out _);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 1000; i < 2000; i++) inflater.Inflate(messages[i], ref output, 1 << 20, out _);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void Parser_delivers_compressed_messages_whole_fragmented_and_split_across_segments()
    {
        using var compressor = new Compressor();
        byte[] one = Encoding.UTF8.GetBytes("{\"msg\":\"one\",\"data\":\"aaaaaaaaaaaaaaaaaaaaaaaaa\"}");
        byte[] two = Encoding.UTF8.GetBytes("{\"msg\":\"two\",\"data\":\"aaaaaaaaaaaaaaaaaaaaaaaaa\"}");
        byte[] c1 = compressor.Compress(one), c2 = compressor.Compress(two);
        byte[] stream = Concat(
            Frame(Opcode.Text, c1, rsv1: true),
            Frame(Opcode.Text, c2.AsSpan(0, 3), fin: false, rsv1: true),
            Frame(Opcode.Ping, []),
            Frame(Opcode.Continuation, c2.AsSpan(3)),
            Text("uncompressed"));
        var settings = new FrameParserSettings { Deflate = true };
        string[] expected = [ParseEvents.Expect(one, true), "Ping:", ParseEvents.Expect(two, true), ParseEvents.Expect("uncompressed")];
        Assert.That(ParseEvents.Of(new(stream), settings), Is.EqualTo(expected));
        for (int k = 1; k < stream.Length; k++)
            Assert.That(ParseEvents.Of(Segments.SplitAt(stream, k), settings), Is.EqualTo(expected), $"split at {k}");
    }
}
