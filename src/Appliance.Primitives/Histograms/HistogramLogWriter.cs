using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Appliance.Primitives.Histograms;

/// <summary>
/// Writes HdrHistogram's interval log format (version 1.3) as UTF-8: the format HistogramLogProcessor,
/// HdrHistogramVisualizer and hdr-histogram-js read. Lines are formatted straight into bytes (no
/// UTF-16 strings per interval).
/// </summary>
/// <example>
/// <code>
/// #[Histogram log format version 1.3]
/// #[StartTime: 1700000000.000 (seconds since epoch), Tue Nov 14 22:13:20 UTC 2023]
/// "StartTimestamp","Interval_Length","Interval_Max","Interval_Compressed_Histogram"
/// 0.000,1.000,0.524,HISTFAAAACh4nJNp...
/// </code>
/// </example>
public sealed class HistogramLogWriter : IDisposable
{
    private const string LogFormatVersion = "1.3";
    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private readonly ArrayBufferWriter<byte> _compressed = new(1024);
    private readonly ArrayBufferWriter<byte> _line = new(1024);

    /// <param name="output">Receives the log; flushed by <see cref="Flush"/> and on dispose.</param>
    /// <param name="leaveOpen">Leave <paramref name="output"/> open on dispose.</param>
    public HistogramLogWriter(Stream output, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _leaveOpen = leaveOpen;
    }

    /// <summary>Milliseconds since the epoch subtracted from histogram timestamps in <see cref="OutputIntervalHistogram(HdrHistogram, double)"/>.</summary>
    public long BaseTime { get; set; }

    /// <summary>Writes <c>#comment</c>. The comment must be one line.</summary>
    public void OutputComment(string comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        if (comment.AsSpan().IndexOfAny('\r', '\n') >= 0)
            throw new ArgumentException("A log comment must be a single line.", nameof(comment));
        _line.Write("#"u8);
        Encoding.UTF8.GetBytes(comment, _line);
        _line.Write("\n"u8);
        WriteLine();
    }

    /// <summary>Writes <c>#[Histogram log format version 1.3]</c>.</summary>
    public void OutputLogFormatVersion() => OutputComment("[Histogram log format version " + LogFormatVersion + "]");

    /// <summary>Writes <c>#[StartTime: seconds.millis (seconds since epoch), date]</c> (the date in UTC, Java's Date layout).</summary>
    public void OutputStartTime(long startTimeMsec)
    {
        _line.Write("#[StartTime: "u8);
        AppendFixed(startTimeMsec / 1000.0, 3);
        _line.Write(" (seconds since epoch), "u8);
        DateTime date = DateTimeOffset.FromUnixTimeMilliseconds(startTimeMsec).UtcDateTime;
        Span<byte> text = _line.GetSpan(64);
        bool ok = date.TryFormat(text, out int length, "ddd MMM dd HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture);
        System.Diagnostics.Debug.Assert(ok);
        _line.Advance(length);
        _line.Write("]\n"u8);
        WriteLine();
    }

    /// <summary>Writes <c>#[BaseTime: seconds.millis (seconds since epoch)]</c>: readers add it to the interval timestamps.</summary>
    public void OutputBaseTime(long baseTimeMsec)
    {
        _line.Write("#[BaseTime: "u8);
        AppendFixed(baseTimeMsec / 1000.0, 3);
        _line.Write(" (seconds since epoch)]\n"u8);
        WriteLine();
    }

    /// <summary>Writes the CSV legend line.</summary>
    public void OutputLegend()
    {
        _line.Write("\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"\n"u8);
        WriteLine();
    }

    /// <summary>
    /// Writes one interval line using the histogram's own timestamps (milliseconds, minus <see cref="BaseTime"/>).
    /// </summary>
    /// <param name="maxValueUnitRatio">The Interval_Max column is the histogram's max divided by this (1e6: nanoseconds as milliseconds, the convention).</param>
    public void OutputIntervalHistogram(HdrHistogram histogram, double maxValueUnitRatio = 1_000_000.0)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        OutputIntervalHistogram((histogram.StartTimeStamp - BaseTime) / 1000.0, (histogram.EndTimeStamp - BaseTime) / 1000.0,
            histogram, maxValueUnitRatio);
    }

    /// <summary>Writes one interval line: [Tag=tag,]start,length,max,base64 V2 compressed histogram.</summary>
    public void OutputIntervalHistogram(double startTimeStampSec, double endTimeStampSec, HdrHistogram histogram, double maxValueUnitRatio = 1_000_000.0)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        string? tag = histogram.Tag;
        if (tag is not null)
        {
            if (tag.Length == 0 || tag.AsSpan().IndexOfAny(", \r\n") >= 0)
                throw new ArgumentException($"Tag '{tag}' must be non-empty and hold no commas, spaces or line breaks.", nameof(histogram));
            _line.Write("Tag="u8);
            Encoding.UTF8.GetBytes(tag, _line);
            _line.Write(","u8);
        }
        AppendFixed(startTimeStampSec, 3);
        _line.Write(","u8);
        AppendFixed(endTimeStampSec - startTimeStampSec, 3);
        _line.Write(","u8);
        AppendFixed(histogram.MaxValue / maxValueUnitRatio, 3);
        _line.Write(","u8);

        _compressed.ResetWrittenCount();
        histogram.EncodeCompressed(_compressed, CompressionLevel.SmallestSize); // as Java's log writer (BEST_COMPRESSION)
        ReadOnlySpan<byte> compressed = _compressed.WrittenSpan;
        Span<byte> base64 = _line.GetSpan(Base64.GetMaxEncodedToUtf8Length(compressed.Length) + 1);
        Base64.EncodeToUtf8(compressed, base64, out _, out int base64Length);
        base64[base64Length] = (byte)'\n';
        _line.Advance(base64Length + 1);
        WriteLine();
    }

    /// <summary>Flushes the underlying stream.</summary>
    public void Flush() => _output.Flush();

    public void Dispose()
    {
        _output.Flush();
        if (!_leaveOpen)
            _output.Dispose();
    }

    private void AppendFixed(double value, int precision)
    {
        Span<byte> destination = _line.GetSpan(JavaNumberFormat.MaxFixedLength);
        _line.Advance(JavaNumberFormat.FormatFixed(value, precision, 0, destination));
    }

    private void WriteLine()
    {
        _output.Write(_line.WrittenSpan);
        _line.ResetWrittenCount();
    }
}
