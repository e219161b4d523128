using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Appliance.WebSockets.Frames;
using Appliance.WebSockets.Tests.Support;
using static Appliance.WebSockets.Tests.Support.ServerFrames;

namespace Appliance.WebSockets.Tests.Frames;

/// <summary>Every frame of hand-built streams split at every byte boundary, across segments and across reads.</summary>
public class FrameParserSplitTests
{
    private static readonly byte[] Binary300 = Enumerable.Range(0, 300).Select(i => (byte)(i * 7)).ToArray();
    private static readonly byte[] Binary126 = Enumerable.Range(0, 126).Select(i => (byte)(255 - i)).ToArray();

    // 7-, 16- and 64-bit lengths, a fragmented message with multi-byte characters split between fragments
    // and control frames between them, empty messages, and a close.
    private static readonly byte[] Mixed = Concat(
        Text("hello"),
        Frame(Opcode.Binary, Binary126),
        Frame(Opcode.Binary, Binary300, lengthForm: 64),
        Frame(Opcode.Text, "fragé"u8[..5], fin: false),
        Frame(Opcode.Ping, "keepalive"u8),
        Frame(Opcode.Continuation, "fragé"u8[5..], fin: false),
        Frame(Opcode.Pong, []),
        Frame(Opcode.Continuation, "€ done"u8, lengthForm: 16),
        Frame(Opcode.Binary, []),
        Close(1000, "bye"));

    private static readonly string[] MixedEvents =
    [
        ParseEvents.Expect("hello"),
        ParseEvents.Expect(Binary126, false),
        ParseEvents.Expect(Binary300, false),
        "Ping:keepalive",
        "Pong:",
        ParseEvents.Expect("fragé€ done"),
        ParseEvents.Expect([], false),
        "close:1000:bye",
    ];

    [Test]
    public void Whole_stream_in_one_segment_yields_the_expected_events()
    {
        Assert.That(ParseEvents.Of(new(Mixed)), Is.EqualTo(MixedEvents));
    }

    [Test]
    public void Every_split_into_two_segments_yields_the_same_events()
    {
        for (int k = 1; k < Mixed.Length; k++)
            Assert.That(ParseEvents.Of(Segments.SplitAt(Mixed, k)), Is.EqualTo(MixedEvents), $"split at {k}");
    }

    [Test]
    public void Every_pair_of_split_points_yields_the_same_events()
    {
        byte[] small = Concat(Text("ab"), Frame(Opcode.Text, "c"u8, false), Frame(Opcode.Ping, "p"u8), Frame(Opcode.Continuation, "d"u8, lengthForm: 64),
            Frame(Opcode.Binary, [1, 2, 3], lengthForm: 16), Close(4000));
        string[] expected = [ParseEvents.Expect("ab"), "Ping:p", ParseEvents.Expect("cd"), ParseEvents.Expect([1, 2, 3], false), "close:4000:"];
        Assert.That(ParseEvents.Of(new(small)), Is.EqualTo(expected));
        for (int i = 1; i < small.Length; i++)
        for (int j = i + 1; j < small.Length; j++)
            Assert.That(ParseEvents.Of(Segments.SplitAt(small, i, j)), Is.EqualTo(expected), $"split at {i} and {j}");
    }

    [Test]
    public void One_byte_segments_yield_the_same_events()
    {
        var parts = Mixed.Select(b => new[] { b }).ToArray();
        Assert.That(ParseEvents.Of(Segments.Of(parts)), Is.EqualTo(MixedEvents));
    }

    [Test]
    public void Every_split_into_two_reads_through_a_pipe_yields_the_same_events()
    {
        for (int k = 1; k < Mixed.Length; k++)
            Assert.That(ParseThroughPipe(Mixed, k), Is.EqualTo(MixedEvents), $"first read of {k} bytes");
    }

    [Test]
    public void Byte_by_byte_reads_through_a_pipe_yield_the_same_events()
    {
        Assert.That(ParseThroughPipe(Mixed, Enumerable.Range(1, Mixed.Length - 1).ToArray()), Is.EqualTo(MixedEvents));
    }

    /// <summary>Feeds the stream in reads ending at the given offsets, parsing after each as the connection does.</summary>
    private static List<string> ParseThroughPipe(byte[] stream, params int[] readEnds)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0, readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.Inline, minimumSegmentSize: 64, useSynchronizationContext: false));
        using var parser = new FrameParser(new FrameParserSettings());
        var events = new ParseEvents();
        int start = 0;
        foreach (int end in readEnds.Append(stream.Length))
        {
            pipe.Writer.Write(stream.AsSpan(start, end - start));
            Assert.That(pipe.Writer.FlushAsync().IsCompletedSuccessfully);
            start = end;
            Assert.That(pipe.Reader.TryRead(out ReadResult result));
            ReadOnlySequence<byte> buffer = result.Buffer;
            ParseStatus status = events.Drain(parser, ref buffer);
            pipe.Reader.AdvanceTo(buffer.Start, buffer.End);
            if (status != ParseStatus.NeedMoreData) break;
        }
        return events.Events;
    }
}
