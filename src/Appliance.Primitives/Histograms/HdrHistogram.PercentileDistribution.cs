using System.Buffers;
using System.Text;

namespace Appliance.Primitives.Histograms;

// The percentile distribution text (the .hgrm layout of HdrHistogram's outputPercentileDistribution),
// produced as ASCII bytes; the TextWriter overload widens them at the end.
public sealed partial class HdrHistogram
{
    // Longest row: three fixed-point fields and one integer field plus separators.
    private const int MaxRowLength = 3 * JavaNumberFormat.MaxFixedLength + 20 + 8;

    /// <summary>
    /// Writes the percentile distribution in HdrHistogram's <c>.hgrm</c> text layout, byte-for-byte what
    /// Java's <c>outputPercentileDistribution(out, ticks, ratio)</c> prints for the same counts.
    /// </summary>
    /// <param name="writer">Receives the text.</param>
    /// <param name="outputValueUnitScalingRatio">Values (and mean, deviation, max) are divided by this: 1000.0 prints nanosecond recordings in microseconds.</param>
    /// <param name="percentileTicksPerHalfDistance">Rows per halving of the distance to 100% (at least 1).</param>
    public void WritePercentileDistribution(TextWriter writer, double outputValueUnitScalingRatio = 1.0, int percentileTicksPerHalfDistance = 5)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var buffer = new ArrayBufferWriter<byte>(4096);
        WritePercentileDistribution(buffer, outputValueUnitScalingRatio, percentileTicksPerHalfDistance);
        writer.Write(Encoding.ASCII.GetString(buffer.WrittenSpan));
    }

    /// <summary>Writes the <c>.hgrm</c> text as ASCII (hence UTF-8) bytes to <paramref name="stream"/>.</summary>
    public void WritePercentileDistribution(Stream stream, double outputValueUnitScalingRatio = 1.0, int percentileTicksPerHalfDistance = 5)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new ArrayBufferWriter<byte>(4096);
        WritePercentileDistribution(buffer, outputValueUnitScalingRatio, percentileTicksPerHalfDistance);
        stream.Write(buffer.WrittenSpan);
    }

    /// <summary>Writes the <c>.hgrm</c> text as ASCII (hence UTF-8) bytes to <paramref name="output"/>; no UTF-16 strings are made.</summary>
    public void WritePercentileDistribution(IBufferWriter<byte> output, double outputValueUnitScalingRatio = 1.0, int percentileTicksPerHalfDistance = 5)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(percentileTicksPerHalfDistance, 1);

        output.Write("       Value     Percentile TotalCount 1/(1-Percentile)\n\n"u8);

        int digits = NumberOfSignificantValueDigits;
        var iterator = new PercentileIterator(this, percentileTicksPerHalfDistance);
        while (iterator.MoveNext())
        {
            Span<byte> row = output.GetSpan(MaxRowLength);
            int n = JavaNumberFormat.FormatFixed(iterator.ValueIteratedTo / outputValueUnitScalingRatio, digits, 12, row);
            row[n++] = (byte)' ';
            n += JavaNumberFormat.FormatFixed(iterator.PercentileLevelIteratedTo / 100.0, 12, 2, row[n..]);
            row[n++] = (byte)' ';
            n += JavaNumberFormat.FormatInteger(iterator.TotalCountToThisValue, 10, row[n..]);
            // Java tests != 100.0 (the last row); the 1/(1-p) column would be infinite there.
            if (iterator.PercentileLevelIteratedTo != 100.0)
            {
                row[n++] = (byte)' ';
                n += JavaNumberFormat.FormatFixed(1 / (1.0 - iterator.PercentileLevelIteratedTo / 100.0), 2, 14, row[n..]);
            }
            row[n++] = (byte)'\n';
            output.Advance(n);
        }

        double mean = Mean / outputValueUnitScalingRatio;
        double stdDeviation = StdDeviation / outputValueUnitScalingRatio;
        Span<byte> footer = output.GetSpan(MaxRowLength);
        int f = Append("#[Mean    = "u8, footer);
        f += JavaNumberFormat.FormatFixed(mean, digits, 12, footer[f..]);
        f += Append(", StdDeviation   = "u8, footer[f..]);
        f += JavaNumberFormat.FormatFixed(stdDeviation, digits, 12, footer[f..]);
        f += Append("]\n"u8, footer[f..]);
        output.Advance(f);

        footer = output.GetSpan(MaxRowLength);
        f = Append("#[Max     = "u8, footer);
        f += JavaNumberFormat.FormatFixed(MaxValue / outputValueUnitScalingRatio, digits, 12, footer[f..]);
        f += Append(", Total count    = "u8, footer[f..]);
        f += JavaNumberFormat.FormatInteger(TotalCount, 12, footer[f..]);
        f += Append("]\n"u8, footer[f..]);
        output.Advance(f);

        footer = output.GetSpan(MaxRowLength);
        f = Append("#[Buckets = "u8, footer);
        f += JavaNumberFormat.FormatInteger(BucketCount, 12, footer[f..]);
        f += Append(", SubBuckets     = "u8, footer[f..]);
        f += JavaNumberFormat.FormatInteger(SubBucketCount, 12, footer[f..]);
        f += Append("]\n"u8, footer[f..]);
        output.Advance(f);
    }

    private static int Append(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        text.CopyTo(destination);
        return text.Length;
    }
}
