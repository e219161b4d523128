using System.Buffers;
using System.Text;
using Appliance.WebSockets.Connection;
using Appliance.WebSockets.Errors;
using Appliance.WebSockets.Frames;
using Appliance.WebSockets.Tests.Support;
using static Appliance.WebSockets.Tests.Support.ServerFrames;

namespace Appliance.WebSockets.Tests.Frames;

public class FrameParserTests
{
    private static readonly FrameParserSettings Defaults = new();

    [Test]
    public void Unfragmented_message_in_one_segment_is_delivered_in_place()
    {
        byte[] stream = Concat(Text("hello"), Frame(Opcode.Binary, [1, 2, 3]));
        var handler = new InPlaceCheck { Source = stream };
        using var parser = new FrameParser(Defaults);
        var buffer = new ReadOnlySequence<byte>(stream);
        Assert.That(parser.Parse(ref buffer, ref handler, 7), Is.EqualTo(ParseStatus.NeedMoreData));
        Assert.That(handler.Delivered, Is.EqualTo(2));
        Assert.That(handler.AllInPlace, Is.True, "payload must point into the receive buffer, not a copy");
        Assert.That(buffer.Length, Is.Zero);
    }

    private struct InPlaceCheck : IWebSocketMessageHandler
    {
        public byte[] Source;
        public int Delivered;
        public bool AllInPlace;

        public void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp)
        {
            AllInPlace = (Delivered == 0 || AllInPlace) && payload.Overlaps(Source) && receiveTimestamp == 7;
            Delivered++;
        }
    }

    [Test]
    public void Fragmented_message_is_reassembled_into_one_contiguous_span()
    {
        byte[] stream = Concat(Text("frag", fin: false), Frame(Opcode.Continuation, "men"u8, fin: false), Frame(Opcode.Continuation, "ted"u8));
        Assert.That(ParseEvents.Of(new(stream)), Is.EqualTo(new[] { ParseEvents.Expect("fragmented") }));
    }

    [Test]
    public void Control_frames_between_fragments_are_returned_without_disturbing_the_message()
    {
        byte[] stream = Concat(Text("a", fin: false), Frame(Opcode.Ping, "p1"u8), Frame(Opcode.Continuation, "b"u8, fin: false),
            Frame(Opcode.Pong, "p2"u8), Frame(Opcode.Continuation, "c"u8), Text("next"));
        Assert.That(ParseEvents.Of(new(stream)), Is.EqualTo(new[] { "Ping:p1", "Pong:p2", ParseEvents.Expect("abc"), ParseEvents.Expect("next") }));
    }

    [Test]
    public void Sixteen_and_sixty_four_bit_lengths_deliver_exact_payloads()
    {
        var random = new Random(3);
        byte[] a = new byte[126], b = new byte[65535], c = new byte[65536], d = new byte[300_000];
        foreach (var x in new[] { a, b, c, d }) random.NextBytes(x);
        byte[] stream = Concat(Frame(Opcode.Binary, a), Frame(Opcode.Binary, b), Frame(Opcode.Binary, c), Frame(Opcode.Binary, d));
        Assert.That(stream[1], Is.EqualTo(126));
        Assert.That(ParseEvents.Of(new(stream)), Is.EqualTo(new[] { a, b, c, d }.Select(x => ParseEvents.Expect(x, false))));
    }

    [Test]
    public void Non_minimal_length_encodings_are_accepted()
    {
        byte[] stream = Concat(Frame(Opcode.Text, "seven"u8, lengthForm: 16), Frame(Opcode.Text, "sixty-four"u8, lengthForm: 64));
        Assert.That(ParseEvents.Of(new(stream)), Is.EqualTo(new[] { ParseEvents.Expect("seven"), ParseEvents.Expect("sixty-four") }));
    }

    [Test]
    public void Close_frame_yields_code_and_reason()
    {
        Assert.That(ParseEvents.Of(new(Close(4001, "bye now"))), Is.EqualTo(new[] { "close:4001:bye now" }));
    }

    [Test]
    public void Empty_close_frame_reports_1005()
    {
        Assert.That(ParseEvents.Of(new(Frame(Opcode.Close, []))), Is.EqualTo(new[] { "close:1005:" }));
    }

    [Test]
    public void Empty_messages_are_delivered()
    {
        byte[] stream = Concat(Text(""), Frame(Opcode.Binary, []), Text("", fin: false), Frame(Opcode.Continuation, []));
        Assert.That(ParseEvents.Of(new(stream)), Is.EqualTo(new[] { ParseEvents.Expect(""), ParseEvents.Expect([], false), ParseEvents.Expect("") }));
    }

    [Test]
    public void Multibyte_character_split_across_fragments_is_valid_utf8()
    {
        byte[] euro = "€"u8.ToArray(); // E2 82 AC
        byte[] stream = Concat(Frame(Opcode.Text, euro.AsSpan(0, 1), fin: false), Frame(Opcode.Continuation, euro.AsSpan(1, 1), fin: false), Frame(Opcode.Continuation, euro.AsSpan(2)));
        Assert.That(ParseEvents.Of(new(stream)), Is.EqualTo(new[] { ParseEvents.Expect("€") }));
    }

    [Test]
    public void Invalid_utf8_passes_when_validation_is_off()
    {
        byte[] stream = Frame(Opcode.Text, [0xC3, 0x28]);
        Assert.That(ParseEvents.Of(new(stream), Defaults with { ValidateUtf8 = false }), Is.EqualTo(new[] { ParseEvents.Expect([0xC3, 0x28], true) }));
    }

    [Test]
    public void Incomplete_frame_is_left_in_the_buffer()
    {
        byte[] frame = Text("partial");
        using var parser = new FrameParser(Defaults);
        var buffer = new ReadOnlySequence<byte>(Concat(Text("whole"), frame[..5]));
        var events = new ParseEvents();
        Assert.That(events.Drain(parser, ref buffer), Is.EqualTo(ParseStatus.NeedMoreData));
        Assert.That(buffer.Length, Is.EqualTo(5));
        Assert.That(parser.Offset, Is.EqualTo(7));
    }

    [Test]
    public void Counters_count_frames_messages_and_payload_bytes()
    {
        var counters = new WebSocketCounters();
        byte[] stream = Concat(Text("ab", fin: false), Frame(Opcode.Ping, []), Frame(Opcode.Continuation, "cd"u8), Text("xyz"));
        ParseEvents.Of(new(stream), Defaults, counters);
        Assert.That((counters.FramesReceived, counters.MessagesReceived, counters.MessageBytesReceived), Is.EqualTo((4L, 2L, 7L)));
    }

    public static IEnumerable<TestCaseData> Violations()
    {
        TestCaseData Case(string name, byte[] stream, WebSocketErrorKind kind, ushort code, long offset, FrameParserSettings? settings = null) =>
            new TestCaseData(stream, kind, code, offset, settings ?? Defaults).SetName($"Violation_{name}_is_{kind}_closing_{code}");

        byte[] ok = Text("ok"); // 4 bytes: errors after it must report offset 4
        yield return Case("rsv2", Concat(ok, [0xA1, 0x00]), WebSocketErrorKind.ReservedBitsSet, 1002, 4);
        yield return Case("rsv3", [0x91, 0x00], WebSocketErrorKind.ReservedBitsSet, 1002, 0);
        yield return Case("rsv1_without_deflate", [0xC1, 0x00], WebSocketErrorKind.CompressionNotNegotiated, 1002, 0);
        yield return Case("rsv1_on_control", [0xC9, 0x00], WebSocketErrorKind.ReservedBitsSet, 1002, 0, Defaults with { Deflate = true });
        yield return Case("rsv1_on_continuation", Concat(Text("a", false), [0xC0, 0x00]), WebSocketErrorKind.ReservedBitsSet, 1002, 3, Defaults with { Deflate = true });
        yield return Case("opcode_3", [0x83, 0x00], WebSocketErrorKind.UnknownOpcode, 1002, 0);
        yield return Case("opcode_15", Concat(ok, [0x8F, 0x00]), WebSocketErrorKind.UnknownOpcode, 1002, 4);
        yield return Case("masked_frame", [0x81, 0x81, 1, 2, 3, 4, 0x55], WebSocketErrorKind.MaskedFrameFromServer, 1002, 0);
        yield return Case("fragmented_ping", [0x09, 0x00], WebSocketErrorKind.FragmentedControlFrame, 1002, 0);
        yield return Case("ping_126_bytes", Concat([0x89, 126, 0, 126], new byte[126]), WebSocketErrorKind.ControlFrameTooLong, 1002, 0);
        yield return Case("length_top_bit", Concat(ok, [0x82, 127, 0x80, 0, 0, 0, 0, 0, 0, 0]), WebSocketErrorKind.InvalidPayloadLength, 1002, 4);
        yield return Case("continuation_first", [0x80, 0x00], WebSocketErrorKind.UnexpectedContinuation, 1002, 0);
        yield return Case("text_inside_fragmented", Concat(Text("a", false), Text("b")), WebSocketErrorKind.ExpectedContinuation, 1002, 3);
        yield return Case("invalid_utf8", Concat(ok, Frame(Opcode.Text, [0xC3, 0x28])), WebSocketErrorKind.InvalidUtf8, 1007, 4);
        yield return Case("invalid_utf8_fragmented", Concat(Frame(Opcode.Text, [0xE2], false), Frame(Opcode.Continuation, [0x28])), WebSocketErrorKind.InvalidUtf8, 1007, 0);
        yield return Case("truncated_utf8_at_end", Frame(Opcode.Text, [0x61, 0xE2, 0x82]), WebSocketErrorKind.InvalidUtf8, 1007, 0);
        yield return Case("close_one_byte", [0x88, 0x01, 0x03], WebSocketErrorKind.InvalidClosePayload, 1002, 0);
        yield return Case("close_999", Close(999), WebSocketErrorKind.InvalidCloseCode, 1002, 0);
        yield return Case("close_1005", Close(1005), WebSocketErrorKind.InvalidCloseCode, 1002, 0);
        yield return Case("close_1006", Close(1006), WebSocketErrorKind.InvalidCloseCode, 1002, 0);
        yield return Case("close_2999", Close(2999), WebSocketErrorKind.InvalidCloseCode, 1002, 0);
        yield return Case("close_5000", Close(5000), WebSocketErrorKind.InvalidCloseCode, 1002, 0);
        yield return Case("close_reason_utf8", Frame(Opcode.Close, [0x03, 0xE8, 0xC3, 0x28]), WebSocketErrorKind.InvalidUtf8, 1007, 0);
        yield return Case("frame_over_limit", Frame(Opcode.Binary, new byte[101]), WebSocketErrorKind.FrameTooLarge, 1009, 0, Defaults with { MaxFrameSize = 100 });
        yield return Case("message_over_limit", Frame(Opcode.Binary, new byte[101]), WebSocketErrorKind.MessageTooLarge, 1009, 0, Defaults with { MaxMessageSize = 100 });
        yield return Case("fragments_over_limit", Concat(Frame(Opcode.Binary, new byte[60], false), Frame(Opcode.Continuation, new byte[41])),
            WebSocketErrorKind.MessageTooLarge, 1009, 62, Defaults with { MaxMessageSize = 100 });
        yield return Case("bad_deflate", Frame(Opcode.Text, [0xFF, 0xFF, 0xFF], rsv1: true), WebSocketErrorKind.InflateFailed, 1002, 0, Defaults with { Deflate = true });
    }

    [TestCaseSource(nameof(Violations))]
    public void Protocol_violation_is_classified_with_close_code_and_offset(byte[] stream, WebSocketErrorKind kind, int closeCode, long offset, FrameParserSettings settings)
    {
        var events = ParseEvents.Of(new(stream), settings);
        Assert.That(events[^1], Is.EqualTo(ParseEvents.ExpectError(kind, (ushort)closeCode, offset)));

        // The same verdict whatever the segmentation.
        for (int split = 1; split < stream.Length; split++)
        {
            var split2 = ParseEvents.Of(Segments.SplitAt(stream, split), settings);
            Assert.That(split2[^1], Is.EqualTo(events[^1]), $"split at {split}");
        }
    }

    [Test]
    public void Parser_refuses_to_continue_after_an_error()
    {
        using var parser = new FrameParser(Defaults);
        var buffer = new ReadOnlySequence<byte>([0x83, 0x00]);
        var events = new ParseEvents();
        Assert.That(events.Drain(parser, ref buffer), Is.EqualTo(ParseStatus.Error));
        var more = new ReadOnlySequence<byte>(Text("ok"));
        Assert.That(parser.Parse(ref more, ref events, 0), Is.EqualTo(ParseStatus.Error));
        Assert.That(events.Events, Has.Count.EqualTo(1));
    }

    [Test]
    public void Parsing_allocates_nothing_per_message_in_steady_state()
    {
        var frames = new List<byte>();
        for (int i = 0; i < 100; i++)
        {
            frames.AddRange(Text($"{{\"e\":\"trade\",\"t\":{i},\"p\":\"42000.{i:00}\"}}"));
            if (i % 10 == 0) frames.AddRange(Concat(Text("frag", false), Frame(Opcode.Continuation, "ment"u8)));
        }
        byte[] stream = frames.ToArray();
        ReadOnlySequence<byte> split = Segments.SplitAt(stream, stream.Length / 3, stream.Length / 2);
        using var parser = new FrameParser(Defaults);
        var handler = new CountingHandler();

        void Run(int rounds)
        {
            for (int r = 0; r < rounds; r++)
            {
                var single = new ReadOnlySequence<byte>(stream);
                parser.Parse(ref single, ref handler, 0);
                var multi = split;
                parser.Parse(ref multi, ref handler, 0);
            }
        }

        Run(100);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run(1000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(handler.Count, Is.EqualTo(1100 * 110 * 2));
        Assert.That(allocated, Is.Zero);
    }

    private struct CountingHandler : IWebSocketMessageHandler
    {
        public long Count;
        public void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp) => Count++;
    }
}
