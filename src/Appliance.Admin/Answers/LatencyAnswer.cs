using System.Globalization;
using System.Text.Json;
using Appliance.Primitives.Histograms;

namespace Appliance.Admin.Answers;

/// <summary>
/// Writes the <c>latency</c> answer from named histograms of nanoseconds: per stage and window the count,
/// p50, p90, p99, p99.9, p99.99, max and mean (whole nanoseconds; percentiles as HdrHistogram reports them:
/// the highest value equivalent to the rank, within the histogram's precision), and with <c>hgrm</c> the
/// percentile tables as the Java HdrHistogram prints them, in microseconds.
/// </summary>
public static class LatencyAnswer
{
    /// <summary>The percentiles reported, with their JSON names.</summary>
    public static IReadOnlyList<(string Name, double Percentile)> Percentiles { get; } =
        [("p50", 50), ("p90", 90), ("p99", 99), ("p99_9", 99.9), ("p99_99", 99.99)];

    /// <summary>Writes <c>"unit"</c> and <c>"stages"</c> into the open answer object.</summary>
    public static void Write(Utf8JsonWriter json, IEnumerable<LatencyStageView> stages, bool hgrm)
    {
        json.WriteString("unit", "ns");
        json.WriteStartArray("stages");
        foreach (var s in stages)
        {
            json.WriteStartObject();
            json.WriteString("stage", s.Stage);
            WriteWindow(json, "interval", s.Interval);
            WriteWindow(json, "since_start", s.SinceStart);
            if (hgrm)
            {
                json.WriteString("hgrm_interval", Hgrm(s.Interval.Histogram));
                json.WriteString("hgrm_since_start", Hgrm(s.SinceStart.Histogram));
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>One window as an object: start, length, count, percentiles, max, mean, values out of range.</summary>
    public static void WriteWindow(Utf8JsonWriter json, string name, in LatencyWindow window)
    {
        HdrHistogram h = window.Histogram;
        json.WriteStartObject(name);
        if (window.StartUnixMs is > 0 and < long.MaxValue)
        {
            json.WriteString("start_utc", DateTimeOffset.FromUnixTimeMilliseconds(window.StartUnixMs).UtcDateTime
                .ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            if (window.EndUnixMs >= window.StartUnixMs)
                json.WriteNumber("seconds", (window.EndUnixMs - window.StartUnixMs) / 1000.0);
        }
        long count = h.TotalCount;
        json.WriteNumber("count", count);
        foreach (var (pname, p) in Percentiles) json.WriteNumber(pname, count == 0 ? 0 : h.GetValueAtPercentile(p));
        json.WriteNumber("max", count == 0 ? 0 : h.MaxValue);
        json.WriteNumber("mean", count == 0 ? 0 : Math.Round(h.Mean, 1));
        if (h.OutOfRangeCount > 0) json.WriteNumber("out_of_range", h.OutOfRangeCount);
        json.WriteEndObject();
    }

    /// <summary>The .hgrm percentile table of nanosecond values, shown in microseconds.</summary>
    public static string Hgrm(HdrHistogram histogram)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        histogram.WritePercentileDistribution(text, outputValueUnitScalingRatio: 1000.0);
        return text.ToString();
    }
}
