using System.Globalization;
using Appliance.Primitives.Histograms;

namespace Appliance.Admin.Metrics;

/// <summary>
/// Writes the Prometheus text exposition format 0.0.4: per family one <c># HELP</c> and one <c># TYPE</c>
/// line, then its samples, <c>name{label="value",…} value</c>, one per line, LF-terminated. HELP text
/// escapes <c>\</c> and LF; label values escape <c>\</c>, <c>"</c> and LF; values are integers, the shortest
/// round-trip decimal of a double, <c>NaN</c>, <c>+Inf</c> or <c>-Inf</c>. A family name may appear once per
/// exposition and every sample must belong to the family opened last.
/// </summary>
public sealed class PrometheusTextWriter
{
    private readonly ByteBuffer _buffer;
    private readonly HashSet<string> _families = new(StringComparer.Ordinal);
    private readonly List<string> _order = new();
    private string? _family;
    private MetricType _type;

    /// <summary>The quantiles an HdrHistogram summary reports; 1 is the maximum.</summary>
    public static IReadOnlyList<double> SummaryQuantiles { get; } = [0.5, 0.9, 0.99, 0.999, 0.9999, 1.0];

    internal PrometheusTextWriter(ByteBuffer buffer) => _buffer = buffer;

    /// <summary>Opens a family: its HELP and TYPE lines. <exception cref="InvalidOperationException">The name was already written.</exception></summary>
    public void BeginFamily(string name, string help, MetricType type)
    {
        MetricNames.Validate(name, type, []);
        if (!_families.Add(name)) throw new InvalidOperationException($"metric family '{name}' written twice in one exposition");
        _order.Add(name);
        _family = name;
        _type = type;
        _buffer.Append("# HELP "u8);
        _buffer.Append(name);
        _buffer.Append((byte)' ');
        AppendEscaped(help, escapeQuote: false);
        _buffer.Append("\n# TYPE "u8);
        _buffer.Append(name);
        _buffer.Append(type switch
        {
            MetricType.Counter => " counter\n"u8,
            MetricType.Gauge => " gauge\n"u8,
            _ => " summary\n"u8,
        });
    }

    public void WriteSample(string name, ReadOnlySpan<string> labelNames, ReadOnlySpan<string> labelValues, double value)
    {
        BeginSample(name, labelNames, labelValues, null, 0);
        AppendDouble(value);
        _buffer.Append((byte)'\n');
    }

    public void WriteSample(string name, ReadOnlySpan<string> labelNames, ReadOnlySpan<string> labelValues, long value)
    {
        BeginSample(name, labelNames, labelValues, null, 0);
        AppendLong(value);
        _buffer.Append((byte)'\n');
    }

    /// <summary>
    /// One summary child from HdrHistograms: the <see cref="SummaryQuantiles"/> of <paramref name="window"/>
    /// (the last interval), <c>_sum</c> and <c>_count</c> of <paramref name="total"/> (since start, so they only
    /// grow, as Prometheus expects). Values are multiplied by <paramref name="scale"/> (1e-9: ns to seconds).
    /// An empty window reports NaN quantiles, as Prometheus clients do for a summary with no observations.
    /// </summary>
    public void WriteHdrSummary(string name, ReadOnlySpan<string> labelNames, ReadOnlySpan<string> labelValues,
        HdrHistogram window, HdrHistogram total, double scale)
    {
        if (_type != MetricType.Summary || _family != name) throw new InvalidOperationException($"'{name}' is not the summary family opened last");
        long windowCount = window.TotalCount;
        foreach (double q in SummaryQuantiles)
        {
            BeginSample(name, labelNames, labelValues, "quantile", q);
            if (windowCount == 0) _buffer.Append("NaN"u8);
            else AppendDouble((q >= 1.0 ? window.MaxValue : window.GetValueAtPercentile(q * 100)) * scale);
            _buffer.Append((byte)'\n');
        }
        long count = total.TotalCount;
        BeginSample(name + "_sum", labelNames, labelValues, null, 0);
        // HdrHistogram keeps counts per value range, not a sum: mean x count is the sum within its precision.
        AppendDouble(count == 0 ? 0 : total.Mean * count * scale);
        _buffer.Append((byte)'\n');
        BeginSample(name + "_count", labelNames, labelValues, null, 0);
        AppendLong(count);
        _buffer.Append((byte)'\n');
    }

    internal (int Length, int Families) Checkpoint() => (_buffer.Length, _order.Count);

    internal void Rollback((int Length, int Families) checkpoint)
    {
        _buffer.Truncate(checkpoint.Length);
        for (int i = _order.Count - 1; i >= checkpoint.Families; i--)
        {
            _families.Remove(_order[i]);
            _order.RemoveAt(i);
        }
        _family = null;
    }

    private void BeginSample(string name, ReadOnlySpan<string> labelNames, ReadOnlySpan<string> labelValues, string? extraLabel, double extraValue)
    {
        if (_family is null || !(name == _family || (_type == MetricType.Summary && (name == _family + "_sum" || name == _family + "_count"))))
            throw new InvalidOperationException($"sample '{name}' does not belong to the family opened last ('{_family}')");
        if (labelNames.Length != labelValues.Length)
            throw new ArgumentException($"'{name}': {labelNames.Length} label names but {labelValues.Length} values");
        _buffer.Append(name);
        if (labelNames.Length == 0 && extraLabel is null)
        {
            _buffer.Append((byte)' ');
            return;
        }
        _buffer.Append((byte)'{');
        for (int i = 0; i < labelNames.Length; i++)
        {
            if (i > 0) _buffer.Append((byte)',');
            _buffer.Append(labelNames[i]);
            _buffer.Append("=\""u8);
            AppendEscaped(labelValues[i] ?? "", escapeQuote: true);
            _buffer.Append((byte)'"');
        }
        if (extraLabel is not null)
        {
            if (labelNames.Length > 0) _buffer.Append((byte)',');
            _buffer.Append(extraLabel);
            _buffer.Append("=\""u8);
            AppendDouble(extraValue);
            _buffer.Append((byte)'"');
        }
        _buffer.Append("} "u8);
    }

    private void AppendEscaped(string text, bool escapeQuote)
    {
        int plain = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is not ('\\' or '\n') && !(escapeQuote && c == '"')) continue;
            if (i > plain) _buffer.Append(text.Substring(plain, i - plain));
            _buffer.Append(c switch
            {
                '\\' => @"\\"u8,
                '\n' => @"\n"u8,
                _ => "\\\""u8,
            });
            plain = i + 1;
        }
        if (plain == 0) _buffer.Append(text);
        else if (plain < text.Length) _buffer.Append(text.Substring(plain));
    }

    private void AppendLong(long value)
    {
        value.TryFormat(_buffer.Reserve(20), out int written, default, CultureInfo.InvariantCulture);
        _buffer.Advance(written);
    }

    private void AppendDouble(double value)
    {
        if (double.IsNaN(value)) _buffer.Append("NaN"u8);
        else if (double.IsPositiveInfinity(value)) _buffer.Append("+Inf"u8);
        else if (double.IsNegativeInfinity(value)) _buffer.Append("-Inf"u8);
        else
        {
            // "R": the shortest text that parses back to the same double (Go's ParseFloat reads it).
            value.TryFormat(_buffer.Reserve(32), out int written, "R", CultureInfo.InvariantCulture);
            _buffer.Advance(written);
        }
    }
}
