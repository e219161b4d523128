using System.Buffers;
using System.Diagnostics;
using Appliance.WebSockets.Connection;
using Appliance.WebSockets.Errors;
using Appliance.WebSockets.Frames;
using Appliance.WebSockets.Tests.Support;
using static Appliance.WebSockets.Tests.Support.ServerFrames;

namespace Appliance.WebSockets.Tests.Frames;

/// <summary>
/// Random mutations of valid frame streams (seeded, so a failure names its case): whatever the bytes, the
/// parser returns (no exception, no hang: every call consumes bytes or stops) and every failure is a
/// classified protocol error with a close code we can send.
/// </summary>
public class FrameParserMutationTests
{
    private const int Mutations = 1_000_000;

    private static byte[][] BaseStreams(bool deflate)
    {
        var streams = new List<byte[]>
        {
            Concat(Text("{\"e\":\"trade\",\"p\":\"1.5\"}"), Frame(Opcode.Binary, [1, 2, 3, 4, 5])),
            Concat(Text("ab", false), Frame(Opcode.Ping, "x"u8), Frame(Opcode.Continuation, "cd"u8), Close(1000, "ok")),
            Concat(Frame(Opcode.Binary, new byte[130], lengthForm: 16), Frame(Opcode.Pong, "y"u8)),
            Concat(Frame(Opcode.Text, "é€"u8, lengthForm: 64), Frame(Opcode.Text, [], false), Frame(Opcode.Continuation, "z"u8)),
            Concat(Frame(Opcode.Ping, new byte[125]), Text("€uro"), Close(4001)),
        };
        if (deflate)
        {
            streams.Add(Concat(Frame(Opcode.Text, [0xAA, 0xAE, 0x05, 0x00], rsv1: true), Text("plain")));   // deflate("{}")
            streams.Add(Concat(Frame(Opcode.Text, [0xAA, 0xAE], fin: false, rsv1: true), Frame(Opcode.Continuation, [0x05, 0x00])));
        }
        return streams.ToArray();
    }

    [Test]
    public void A_million_mutated_streams_never_throw_hang_or_go_unclassified()
    {
        var stopwatch = Stopwatch.StartNew();
        var settings = new FrameParserSettings { MaxFrameSize = 4096, MaxMessageSize = 8192, InitialMessageBufferSize = 256 };
        var outcomes = new Dictionary<string, int>();
        Run(seed: 1, Mutations, BaseStreams(false), settings, outcomes);
        Run(seed: 2, Mutations / 20, BaseStreams(true), settings with { Deflate = true }, outcomes);
        TestContext.Out.WriteLine($"{Mutations + Mutations / 20} mutations in {stopwatch.Elapsed.TotalSeconds:0.0} s");
        foreach (var (outcome, count) in outcomes.OrderByDescending(o => o.Value)) TestContext.Out.WriteLine($"  {outcome}: {count}");
        Assert.That(outcomes.Keys.Count(k => k.StartsWith("error:")), Is.GreaterThan(8), "mutations should reach many error kinds");
    }

    private static void Run(int seed, int count, byte[][] bases, FrameParserSettings settings, Dictionary<string, int> outcomes)
    {
        var random = new Random(seed);
        var counters = new WebSocketCounters();
        var parser = new FrameParser(settings, counters);
        var handler = new Sink();
        try
        {
            for (int i = 0; i < count; i++)
            {
                byte[] stream = Mutate(bases[random.Next(bases.Length)], random);
                ReadOnlySequence<byte> buffer = RandomSegments(stream, random);
                parser.Reset();
                string outcome;
                try
                {
                    outcome = ParseAll(parser, ref buffer, ref handler);
                }
                catch (Exception e)
                {
                    Assert.Fail($"seed {seed} mutation {i}: {e.GetType().Name}: {e.Message} on {Convert.ToHexString(stream)}");
                    return;
                }
                if (outcome.StartsWith("error:"))
                {
                    WebSocketError error = parser.Error;
                    Assert.That(error.IsProtocolViolation, Is.True, $"seed {seed} mutation {i}: {error}");
                    Assert.That(error.CloseCode, Is.AnyOf(1002, 1007, 1009), $"seed {seed} mutation {i}: {error}");
                    Assert.That(error.Offset, Is.InRange(0, stream.Length), $"seed {seed} mutation {i}: {error}");
                    if (error.Kind == WebSocketErrorKind.InflateFailed)
                    {
                        // A failed inflater is not reused: a live connection ends here.
                        parser.Dispose();
                        parser = new FrameParser(settings, counters);
                    }
                }
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
        }
        finally
        {
            parser.Dispose();
        }
    }

    private static string ParseAll(FrameParser parser, ref ReadOnlySequence<byte> buffer, ref Sink handler)
    {
        // Every ControlFrame return consumed a frame (≥ 2 bytes), so this bound catches a parser that spins.
        long budget = buffer.Length / 2 + 2;
        while (budget-- > 0)
        {
            switch (parser.Parse(ref buffer, ref handler, 0))
            {
                case ParseStatus.NeedMoreData:
                    return buffer.IsEmpty ? "complete" : "incomplete";
                case ParseStatus.Error:
                    return "error:" + parser.Error.Kind;
                case ParseStatus.ControlFrame when parser.ControlOpcode == Opcode.Close:
                    return "close";
            }
        }
        throw new InvalidOperationException("parser made no progress");
    }

    private static byte[] Mutate(byte[] source, Random random)
    {
        var bytes = new List<byte>(source);
        int edits = 1 + random.Next(3);
        for (int e = 0; e < edits; e++)
        {
            int at = random.Next(bytes.Count + 1);
            switch (random.Next(6))
            {
                case 0 when at < bytes.Count: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 1 when at < bytes.Count: bytes[at] = (byte)random.Next(256); break;
                case 2: bytes.Insert(at, (byte)random.Next(256)); break;
                case 3 when at < bytes.Count: bytes.RemoveAt(at); break;
                case 4: bytes.RemoveRange(at, bytes.Count - at); break; // truncate
                case 5 when at < bytes.Count:
                    int length = Math.Min(1 + random.Next(8), bytes.Count - at);
                    bytes.InsertRange(at, bytes.GetRange(at, length)); // duplicate a run
                    break;
            }
        }
        return bytes.ToArray();
    }

    private static ReadOnlySequence<byte> RandomSegments(byte[] stream, Random random)
    {
        if (stream.Length < 2 || random.Next(3) == 0) return new ReadOnlySequence<byte>(stream);
        int a = random.Next(1, stream.Length);
        if (random.Next(2) == 0 || a == stream.Length - 1) return Segments.SplitAt(stream, a);
        return Segments.SplitAt(stream, a, random.Next(a + 1, stream.Length));
    }

    private struct Sink : IWebSocketMessageHandler
    {
        public long Bytes;
        public void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp) => Bytes += payload.Length;
    }
}
