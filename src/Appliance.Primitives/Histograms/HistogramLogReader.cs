using System.Globalization;

namespace Appliance.Primitives.Histograms;

/// <summary>
/// Reads HdrHistogram interval logs (as written by <see cref="HistogramLogWriter"/>, Java's
/// HistogramLogWriter or hdr-histogram-js): comments, StartTime/BaseTime, the legend, and
/// <c>[Tag=tag,]start,length,max,histogram</c> lines.
/// </summary>
/// <remarks>
/// Timestamps on the returned histograms are absolute milliseconds since the epoch, worked out as
/// Java's reader does: BaseTime when the log has one; otherwise timestamps more than a year before
/// StartTime are taken as relative to StartTime, others as absolute.
/// </remarks>
public sealed class HistogramLogReader : IDisposable
{
    private readonly TextReader _reader;
    private int _lineNumber;
    private double _startTimeSec;
    private double? _baseTimeSec;

    /// <summary>Reads a UTF-8 log from <paramref name="input"/>.</summary>
    public HistogramLogReader(Stream input, bool leaveOpen = false)
        : this(new StreamReader(input, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 4096, leaveOpen))
    {
    }

    /// <summary>Reads a log from <paramref name="reader"/> (disposed with this reader).</summary>
    public HistogramLogReader(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _reader = reader;
    }

    /// <summary>The latest <c>#[StartTime: ...]</c> seen, in seconds since the epoch (0 before any).</summary>
    public double StartTimeSec => _startTimeSec;

    /// <summary>
    /// The next interval histogram, with StartTimeStamp/EndTimeStamp (ms since epoch) and Tag set;
    /// null at the end of the log.
    /// </summary>
    /// <exception cref="FormatException">A malformed line; the message gives its number.</exception>
    public HdrHistogram? NextIntervalHistogram()
    {
        while (_reader.ReadLine() is { } line)
        {
            _lineNumber++;
            if (line.StartsWith("#[StartTime: ", StringComparison.Ordinal))
            {
                _startTimeSec = ParseLeadingSeconds(line.AsSpan("#[StartTime: ".Length), "StartTime");
                continue;
            }
            if (line.StartsWith("#[BaseTime: ", StringComparison.Ordinal))
            {
                _baseTimeSec = ParseLeadingSeconds(line.AsSpan("#[BaseTime: ".Length), "BaseTime");
                continue;
            }
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("\"StartTimestamp\"", StringComparison.Ordinal) ||
                line.StartsWith("StartTimestamp", StringComparison.Ordinal))
                continue;
            return ParseInterval(line);
        }
        return null;
    }

    public void Dispose() => _reader.Dispose();

    private HdrHistogram ParseInterval(string line)
    {
        ReadOnlySpan<char> rest = line;
        string? tag = null;
        if (rest.StartsWith("Tag="))
        {
            int comma = rest.IndexOf(',');
            if (comma < 0)
                throw Malformed("a Tag= field with nothing after it");
            tag = rest[4..comma].ToString();
            rest = rest[(comma + 1)..];
        }

        double start = ParseField(ref rest, "StartTimestamp");
        double length = ParseField(ref rest, "Interval_Length");
        ParseField(ref rest, "Interval_Max");
        if (rest.IsEmpty)
            throw Malformed("no Interval_Compressed_Histogram field");

        // Java's rule: without a BaseTime, timestamps a year or more before StartTime are relative to it.
        _baseTimeSec ??= start < _startTimeSec - 365 * 24 * 3600.0 ? _startTimeSec : 0.0;
        double absoluteStart = start + _baseTimeSec.Value;

        HdrHistogram histogram;
        try
        {
            histogram = HdrHistogram.DecodeFromBase64CompressedString(rest);
        }
        catch (FormatException ex)
        {
            throw Malformed($"an undecodable histogram ({ex.Message})", ex);
        }
        // Rounded, where Java truncates: seconds written with 3 decimals are whole milliseconds, and
        // truncating 1700000001.123 * 1000 (a binary fraction a hair below) would lose one of them.
        histogram.StartTimeStamp = (long)Math.Round(absoluteStart * 1000.0);
        histogram.EndTimeStamp = (long)Math.Round((absoluteStart + length) * 1000.0);
        histogram.Tag = tag;
        return histogram;
    }

    private double ParseField(ref ReadOnlySpan<char> rest, string name)
    {
        int comma = rest.IndexOf(',');
        if (comma < 0)
            throw Malformed($"too few fields (no {name})");
        if (!double.TryParse(rest[..comma], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw Malformed($"{name} '{rest[..comma].ToString()}' is not a number");
        rest = rest[(comma + 1)..];
        return value;
    }

    private double ParseLeadingSeconds(ReadOnlySpan<char> text, string name)
    {
        int end = text.IndexOf(' ');
        ReadOnlySpan<char> number = end < 0 ? text.TrimEnd(']') : text[..end];
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
            throw Malformed($"{name} '{number.ToString()}' is not a number");
        return seconds;
    }

    private FormatException Malformed(string what, Exception? inner = null) =>
        new($"Histogram log line {_lineNumber}: {what}.", inner);
}
