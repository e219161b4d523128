using System.Text;
using System.Text.RegularExpressions;
using Appliance.Primitives.Histograms;

namespace Appliance.Primitives.Tests.Histograms;

public class HistogramLogTests
{
    // Written by the Java original (org.HdrHistogram 2.1.11, TZ=UTC): Histogram(1, 3600000000, 3) with
    // 100, 200, 5000000, timestamps 1700000000123..1700000001123 ms, base time = start time; then the
    // same histogram tagged "feed" one second later.
    private const string JavaLog =
        "#[Histogram log format version 1.3]\n" +
        "#[StartTime: 1700000000.123 (seconds since epoch), Tue Nov 14 22:13:20 UTC 2023]\n" +
        "\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"\n" +
        "0.000,1.000,5.001,HISTFAAAACp42pNpmSzMwMDAxQABzFCaEURcm7yEwf4DROA4I9NRRqav5xmZAJNlB+o=\n" +
        "Tag=feed,1.000,1.000,5.001,HISTFAAAACp42pNpmSzMwMDAxQABzFCaEURcm7yEwf4DROA4I9NRRqav5xmZAJNlB+o=\n";

    [Test]
    public void Writer_produces_the_java_log_layout_in_utf8()
    {
        var h = JavaLogHistogram();
        var output = new MemoryStream();
        using (var writer = new HistogramLogWriter(output, leaveOpen: true))
        {
            writer.OutputLogFormatVersion();
            writer.OutputStartTime(1_700_000_000_123);
            writer.BaseTime = 1_700_000_000_123;
            writer.OutputLegend();
            writer.OutputIntervalHistogram(h);
            h.Tag = "feed";
            h.StartTimeStamp += 1000;
            h.EndTimeStamp += 1000;
            writer.OutputIntervalHistogram(h);
        }

        byte[] bytes = output.ToArray();
        Assert.That(bytes, Does.Not.Contain((byte)0), "UTF-8, not UTF-16");
        Assert.That(bytes.Take(3), Is.Not.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "no byte-order mark");
        string[] lines = Encoding.UTF8.GetString(bytes).Split('\n');
        string[] javaLines = JavaLog.Split('\n');
        Assert.That(lines[..3], Is.EqualTo(javaLines[..3]));
        // zlib streams may differ byte for byte between deflate implementations: compare up to the
        // histogram field, then what it decodes to.
        Assert.That(lines[3], Does.Match("^0\\.000,1\\.000,5\\.001,HISTFAAA[A-Za-z0-9+/]+=*$"));
        Assert.That(lines[4], Does.Match("^Tag=feed,1\\.000,1\\.000,5\\.001,HISTFAAA[A-Za-z0-9+/]+=*$"));
        Assert.That(HdrHistogram.DecodeFromBase64CompressedString(lines[3].Split(',')[3]).CountsEqual(h), Is.True);
        Assert.That(lines[5], Is.Empty);
    }

    [Test]
    public void Reader_reads_a_log_written_by_the_java_original()
    {
        using var reader = new HistogramLogReader(new StringReader(JavaLog));

        var first = reader.NextIntervalHistogram();
        var second = reader.NextIntervalHistogram();

        Assert.That(reader.NextIntervalHistogram(), Is.Null);
        Assert.That(reader.StartTimeSec, Is.EqualTo(1_700_000_000.123));
        Assert.That(first!.CountsEqual(JavaLogHistogram()), Is.True);
        Assert.That(first.Tag, Is.Null);
        // Relative timestamps (more than a year before StartTime) are offset by StartTime, as in Java.
        Assert.That((first.StartTimeStamp, first.EndTimeStamp), Is.EqualTo((1_700_000_000_123L, 1_700_000_001_123L)));
        Assert.That(second!.Tag, Is.EqualTo("feed"));
        Assert.That(second.StartTimeStamp, Is.EqualTo(1_700_000_001_123L));
    }

    [Test]
    public void Writer_and_reader_round_trip_intervals_with_absolute_timestamps()
    {
        var output = new MemoryStream();
        var written = new List<HdrHistogram>();
        using (var writer = new HistogramLogWriter(output, leaveOpen: true))
        {
            writer.OutputComment("appliance feed latency, ns");
            writer.OutputLogFormatVersion();
            writer.OutputStartTime(1_700_000_000_000);
            writer.OutputLegend();
            for (int i = 0; i < 5; i++)
            {
                var h = new HdrHistogram(1, 3_600_000_000_000, 3)
                {
                    StartTimeStamp = 1_700_000_000_000 + i * 1000L,
                    EndTimeStamp = 1_700_000_001_000 + i * 1000L,
                };
                for (int v = 1; v <= 1000 * (i + 1); v++)
                    h.RecordValue(v * 997L);
                writer.OutputIntervalHistogram(h);
                written.Add(h);
            }
        }

        output.Position = 0;
        using var reader = new HistogramLogReader(output);
        foreach (var expected in written)
        {
            var read = reader.NextIntervalHistogram();
            Assert.That(read, Is.Not.Null);
            Assert.That(read!.CountsEqual(expected), Is.True);
            Assert.That((read.StartTimeStamp, read.EndTimeStamp), Is.EqualTo((expected.StartTimeStamp, expected.EndTimeStamp)));
        }
        Assert.That(reader.NextIntervalHistogram(), Is.Null);
    }

    [Test]
    public void Reader_names_the_line_of_a_malformed_interval()
    {
        string log = "#[StartTime: 1.000 (seconds since epoch), x]\n\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"\n0.000,1.000,oops,HISTFAAA\n";
        using var reader = new HistogramLogReader(new StringReader(log));
        Assert.That(() => reader.NextIntervalHistogram(),
            Throws.TypeOf<FormatException>().With.Message.Contains("line 3").And.Message.Contains("Interval_Max"));

        using var reader2 = new HistogramLogReader(new StringReader("0.000,1.000,2.0,AAAA\n"));
        Assert.That(() => reader2.NextIntervalHistogram(),
            Throws.TypeOf<FormatException>().With.Message.Contains("line 1").And.Message.Contains("undecodable"));
    }

    [Test]
    public void Writer_refuses_tags_and_comments_that_would_break_lines()
    {
        using var writer = new HistogramLogWriter(new MemoryStream());
        var h = new HdrHistogram(1, 1000, 2) { Tag = "a,b" };
        Assert.Throws<ArgumentException>(() => writer.OutputIntervalHistogram(h));
        Assert.Throws<ArgumentException>(() => writer.OutputComment("two\nlines"));
    }

    private static HdrHistogram JavaLogHistogram()
    {
        var h = new HdrHistogram(1, 3_600_000_000, 3) { StartTimeStamp = 1_700_000_000_123, EndTimeStamp = 1_700_000_001_123 };
        h.RecordValue(100);
        h.RecordValue(200);
        h.RecordValue(5_000_000);
        return h;
    }
}
