using System.Buffers;
using System.Text;
using Appliance.Primitives.Histograms;

namespace Appliance.Primitives.Tests.Histograms;

public class PercentileDistributionTests
{
    // Printed by the Java original (org.HdrHistogram 2.1.11):
    // new Histogram(1, 3600000000L, 3), values below, outputPercentileDistribution(System.out, 5, 1.0).
    private const string JavaSmallTable =
        "       Value     Percentile TotalCount 1/(1-Percentile)\n" +
        "\n" +
        "       1.000 0.000000000000          1           1.00\n" +
        "       1.000 0.100000000000          1           1.11\n" +
        "       2.000 0.200000000000          2           1.25\n" +
        "       3.000 0.300000000000          3           1.43\n" +
        "       3.000 0.400000000000          3           1.67\n" +
        "    1000.000 0.500000000000          4           2.00\n" +
        "    1000.000 0.550000000000          4           2.22\n" +
        "    1500.000 0.600000000000          5           2.50\n" +
        "    1500.000 0.650000000000          5           2.86\n" +
        "    1500.000 0.700000000000          5           3.33\n" +
        "  123519.000 0.750000000000          6           4.00\n" +
        "  123519.000 0.775000000000          6           4.44\n" +
        "  123519.000 0.800000000000          6           5.00\n" +
        "  123519.000 0.825000000000          6           5.71\n" +
        "  123519.000 0.850000000000          6           6.67\n" +
        "100007935.000 0.875000000000          7           8.00\n" +
        "100007935.000 1.000000000000          7\n" +
        "#[Mean    = 14300166.000, StdDeviation   = 34976698.847]\n" +
        "#[Max     = 100007935.000, Total count    =            7]\n" +
        "#[Buckets =           22, SubBuckets     =         2048]\n";

    // Java: new Histogram(1, 100000, 2), values 37, 74, ..., 3700, outputPercentileDistribution(System.out, 2, 10.0).
    private const string JavaScaledTable =
        "       Value     Percentile TotalCount 1/(1-Percentile)\n" +
        "\n" +
        "        3.70 0.000000000000          1           1.00\n" +
        "       92.70 0.250000000000         25           1.33\n" +
        "      185.50 0.500000000000         50           2.00\n" +
        "      233.50 0.625000000000         63           2.67\n" +
        "      278.30 0.750000000000         75           4.00\n" +
        "      303.90 0.812500000000         82           5.33\n" +
        "      326.30 0.875000000000         88           8.00\n" +
        "      337.50 0.906250000000         91          10.67\n" +
        "      348.70 0.937500000000         94          16.00\n" +
        "      356.70 0.953125000000         96          21.33\n" +
        "      359.90 0.968750000000         97          32.00\n" +
        "      363.10 0.976562500000         98          42.67\n" +
        "      366.30 0.984375000000         99          64.00\n" +
        "      366.30 0.988281250000         99          85.33\n" +
        "      371.10 0.992187500000        100         128.00\n" +
        "      371.10 1.000000000000        100\n" +
        "#[Mean    =       186.90, StdDeviation   =       106.82]\n" +
        "#[Max     =       371.10, Total count    =          100]\n" +
        "#[Buckets =           10, SubBuckets     =          256]\n";

    [Test]
    public void Table_is_byte_equal_to_the_java_original()
    {
        var h = new HdrHistogram(1, 3_600_000_000, 3);
        foreach (long v in new long[] { 1, 2, 3, 1000, 1500, 123_456, 99_999_999 })
            h.RecordValue(v);

        Assert.That(Text(h, 1.0, 5), Is.EqualTo(JavaSmallTable));
    }

    [Test]
    public void Scaled_table_with_two_ticks_is_byte_equal_to_the_java_original()
    {
        var h = new HdrHistogram(1, 100_000, 2);
        for (int i = 1; i <= 100; i++)
            h.RecordValue(i * 37);

        Assert.That(Text(h, 10.0, 2), Is.EqualTo(JavaScaledTable));
    }

    [Test]
    public void Empty_histogram_prints_header_and_zero_footer()
    {
        var h = new HdrHistogram(1, 1000, 1);
        Assert.That(Text(h, 1.0, 5), Is.EqualTo(
            "       Value     Percentile TotalCount 1/(1-Percentile)\n\n" +
            "#[Mean    =          0.0, StdDeviation   =          0.0]\n" +
            "#[Max     =          0.0, Total count    =            0]\n" +
            "#[Buckets =            6, SubBuckets     =           32]\n"));
    }

    [Test]
    public void Utf8_stream_and_buffer_writers_produce_the_same_bytes_as_the_text_writer()
    {
        var h = HdrHistogramReferenceTests.Record(SampleDistributions.All(5000).First(s => s.Name.StartsWith("log-normal")));
        string text = Text(h, 1000.0, 5);

        var buffer = new ArrayBufferWriter<byte>();
        h.WritePercentileDistribution(buffer, 1000.0, 5);
        var stream = new MemoryStream();
        h.WritePercentileDistribution(stream, 1000.0, 5);

        byte[] expected = Encoding.UTF8.GetBytes(text);
        Assert.That(buffer.WrittenSpan.ToArray(), Is.EqualTo(expected));
        Assert.That(stream.ToArray(), Is.EqualTo(expected));
        Assert.That(text.Split('\n').Length, Is.GreaterThan(50));
    }

    [Test]
    public void Ticks_per_half_distance_must_be_positive()
    {
        var h = new HdrHistogram(1, 1000, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => h.WritePercentileDistribution(new StringWriter(), 1.0, 0));
    }

    internal static string Text(HdrHistogram h, double ratio, int ticks)
    {
        var writer = new StringWriter();
        h.WritePercentileDistribution(writer, ratio, ticks);
        return writer.ToString();
    }
}
