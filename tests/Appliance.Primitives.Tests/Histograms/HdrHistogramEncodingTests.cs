using System.Buffers.Binary;
using Appliance.Primitives.Histograms;
using static Appliance.Primitives.Tests.Histograms.SampleDistributions;

namespace Appliance.Primitives.Tests.Histograms;

public class HdrHistogramEncodingTests
{
    // Written by the Java original (org.HdrHistogram 2.1.11, Histogram(1, 3600000000, 3),
    // encodeIntoCompressedByteBuffer) after recording 1, 2, 3, 1000, 1500, 123456, 99999999.
    private const string JavaBase64 = "HISTFAAAADF4nJNpmSzMwMAgyAABzFCaEURcm7yEwf4DVISJiek4P9NTdqbraUxXZzIyAQDDFQkU";

    private static IEnumerable<Sample> Samples() => All(5000);

    [TestCaseSource(nameof(Samples))]
    public void Compressed_base64_round_trip_keeps_layout_and_every_count(Sample sample)
    {
        var original = HdrHistogramReferenceTests.Record(sample);

        var decoded = HdrHistogram.DecodeFromBase64CompressedString(original.ToBase64CompressedString());

        AssertSameLayoutAndCounts(decoded, original);
    }

    [TestCaseSource(nameof(Samples))]
    public void Uncompressed_round_trip_keeps_layout_and_every_count(Sample sample)
    {
        var original = HdrHistogramReferenceTests.Record(sample);

        var decoded = HdrHistogram.Decode(original.Encode());

        AssertSameLayoutAndCounts(decoded, original);
    }

    [Test]
    public void Empty_histogram_round_trips()
    {
        var empty = new HdrHistogram(1, 3_600_000_000, 3);
        var decoded = HdrHistogram.DecodeFromCompressed(empty.EncodeCompressed());
        AssertSameLayoutAndCounts(decoded, empty);
        Assert.That(empty.Encode(), Has.Length.EqualTo(41), "40-byte header and one zero count");
    }

    [Test]
    public void Encodings_carry_the_V2_cookies_and_header()
    {
        var h = new HdrHistogram(1000, 3_600_000_000_000, 3);
        h.RecordValue(5_000_000);

        byte[] plain = h.Encode();
        Assert.That(BinaryPrimitives.ReadInt32BigEndian(plain), Is.EqualTo(0x1c849313));
        Assert.That(BinaryPrimitives.ReadInt32BigEndian(plain.AsSpan(4)), Is.EqualTo(plain.Length - 40));
        Assert.That(BinaryPrimitives.ReadInt32BigEndian(plain.AsSpan(8)), Is.Zero);
        Assert.That(BinaryPrimitives.ReadInt32BigEndian(plain.AsSpan(12)), Is.EqualTo(3));
        Assert.That(BinaryPrimitives.ReadInt64BigEndian(plain.AsSpan(16)), Is.EqualTo(1000));
        Assert.That(BinaryPrimitives.ReadInt64BigEndian(plain.AsSpan(24)), Is.EqualTo(3_600_000_000_000));
        Assert.That(BinaryPrimitives.ReadDoubleBigEndian(plain.AsSpan(32)), Is.EqualTo(1.0));

        byte[] compressed = h.EncodeCompressed();
        Assert.That(BinaryPrimitives.ReadInt32BigEndian(compressed), Is.EqualTo(0x1c849314));
        Assert.That(BinaryPrimitives.ReadInt32BigEndian(compressed.AsSpan(4)), Is.EqualTo(compressed.Length - 8));
        Assert.That(compressed[8], Is.EqualTo(0x78), "zlib header, as java.util.zip.Deflater writes");
        Assert.That(h.ToBase64CompressedString(), Does.StartWith("HISTFAAA"));
    }

    [Test]
    public void Payload_is_zigzag_counts_with_zero_runs()
    {
        var h = new HdrHistogram(1, 1000, 2);
        h.RecordValue(0);
        h.RecordValueWithCount(3, 70); // 1 at slot 0, zeros at 1 and 2, 70 at slot 3
        byte[] plain = h.Encode();
        // ZigZag(1) = 2; ZigZag(-2) = 3 (a run of two zeros); ZigZag(70) = 140 = 0x8C 0x01 in LEB128.
        Assert.That(plain.AsSpan(40).ToArray(), Is.EqualTo(new byte[] { 2, 3, 0x8C, 0x01 }));
    }

    [Test]
    public void Decodes_a_histogram_written_by_the_java_original()
    {
        var decoded = HdrHistogram.DecodeFromBase64CompressedString(JavaBase64);

        var expected = new HdrHistogram(1, 3_600_000_000, 3);
        foreach (long v in new long[] { 1, 2, 3, 1000, 1500, 123_456, 99_999_999 })
            expected.RecordValue(v);
        AssertSameLayoutAndCounts(decoded, expected);
        Assert.That(decoded.GetValueAtPercentile(90), Is.EqualTo(100_007_935));
    }

    [TestCase(0L)]
    [TestCase(1L)]
    [TestCase(-1L)]
    [TestCase(63L)]
    [TestCase(64L)]
    [TestCase(-64L)]
    [TestCase(-65L)]
    [TestCase((1L << 55) - 1)]
    [TestCase(1L << 55)]
    [TestCase(long.MaxValue)]
    [TestCase(long.MinValue)]
    public void ZigZag_LEB128_round_trips_in_at_most_nine_bytes(long value)
    {
        Span<byte> buffer = stackalloc byte[9];
        int written = ZigZagLeb128.Write(value, buffer);
        int position = 0;
        Assert.That(ZigZagLeb128.TryRead(buffer[..written], ref position, out long read), Is.True);
        Assert.That(read, Is.EqualTo(value));
        Assert.That(position, Is.EqualTo(written));
        ulong zigzag = (ulong)((value << 1) ^ (value >> 63));
        int expectedLength = zigzag == 0 ? 1 : Math.Min((64 - System.Numerics.BitOperations.LeadingZeroCount(zigzag) + 6) / 7, 9);
        Assert.That(written, Is.EqualTo(expectedLength));
        position = 0;
        Assert.That(ZigZagLeb128.TryRead(buffer[..(written - 1)], ref position, out _), Is.False, "truncated");
        Assert.That(position, Is.Zero);
    }

    [Test]
    public void Malformed_input_is_a_format_exception_that_says_what_is_wrong()
    {
        Assert.That(() => HdrHistogram.DecodeFromCompressed([1, 2, 3]),
            Throws.TypeOf<FormatException>().With.Message.Contains("8-byte header"));
        Assert.That(() => HdrHistogram.DecodeFromCompressed(new byte[16]),
            Throws.TypeOf<FormatException>().With.Message.Contains("Cookie 0x00000000"));
        Assert.That(() => HdrHistogram.DecodeFromBase64CompressedString("not base64!"),
            Throws.TypeOf<FormatException>().With.Message.Contains("base64"));

        byte[] good = SomeHistogram().EncodeCompressed();
        byte[] badLength = (byte[])good.Clone();
        BinaryPrimitives.WriteInt32BigEndian(badLength.AsSpan(4), good.Length);
        Assert.That(() => HdrHistogram.DecodeFromCompressed(badLength),
            Throws.TypeOf<FormatException>().With.Message.Contains("compressed bytes"));
        byte[] badZlib = (byte[])good.Clone();
        badZlib.AsSpan(10, 8).Fill(0xFF);
        Assert.That(() => HdrHistogram.DecodeFromCompressed(badZlib), Throws.TypeOf<FormatException>());

        byte[] plain = SomeHistogram().Encode();
        Assert.That(() => HdrHistogram.Decode(plain.AsSpan(0, plain.Length - 1)),
            Throws.TypeOf<FormatException>().With.Message.Contains("payload"));
        byte[] badLayout = (byte[])plain.Clone();
        BinaryPrimitives.WriteInt32BigEndian(badLayout.AsSpan(12), 9);
        Assert.That(() => HdrHistogram.Decode(badLayout),
            Throws.TypeOf<FormatException>().With.Message.Contains("digits 9"));
    }

    [Test]
    public void A_count_past_the_declared_range_is_refused()
    {
        var wide = new HdrHistogram(1, 1_000_000, 2);
        wide.RecordValue(900_000);
        byte[] plain = wide.Encode();
        BinaryPrimitives.WriteInt64BigEndian(plain.AsSpan(24), 1000); // now claims a much smaller range

        Assert.That(() => HdrHistogram.Decode(plain),
            Throws.TypeOf<FormatException>().With.Message.Contains("past the"));
    }

    [Test]
    public void Corrupted_or_truncated_encodings_never_throw_anything_but_format_exceptions()
    {
        byte[] plain = SomeHistogram().Encode();
        byte[] compressed = SomeHistogram().EncodeCompressed();
        var random = new Random(11);
        for (int i = 0; i < 3000; i++)
        {
            byte[] source = i % 2 == 0 ? plain : compressed;
            byte[] mutated = source[..random.Next(0, source.Length + 1)];
            for (int flips = random.Next(0, 4); flips > 0 && mutated.Length > 0; flips--)
                mutated[random.Next(mutated.Length)] ^= (byte)(1 << random.Next(8));
            try
            {
                _ = i % 2 == 0 ? HdrHistogram.Decode(mutated) : HdrHistogram.DecodeFromCompressed(mutated);
            }
            catch (FormatException)
            {
            }
        }
        Assert.Pass("3000 mutated encodings decoded or were refused with FormatException");
    }

    private static HdrHistogram SomeHistogram()
    {
        var h = new HdrHistogram(1, 3_600_000_000, 3);
        for (int i = 1; i < 2000; i++)
            h.RecordValue(i * (long)i);
        return h;
    }

    private static void AssertSameLayoutAndCounts(HdrHistogram actual, HdrHistogram expected)
    {
        Assert.That((actual.LowestDiscernibleValue, actual.HighestTrackableValue, actual.NumberOfSignificantValueDigits),
            Is.EqualTo((expected.LowestDiscernibleValue, expected.HighestTrackableValue, expected.NumberOfSignificantValueDigits)));
        Assert.That(actual.CountsArrayLength, Is.EqualTo(expected.CountsArrayLength));
        Assert.That(actual.TotalCount, Is.EqualTo(expected.TotalCount));
        Assert.That(actual.CountsEqual(expected), Is.True);
    }
}
