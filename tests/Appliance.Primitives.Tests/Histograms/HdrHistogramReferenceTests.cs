using Appliance.Primitives.Histograms;
using static Appliance.Primitives.Tests.Histograms.SampleDistributions;

namespace Appliance.Primitives.Tests.Histograms;

/// <summary>The histogram against a brute-force sorted array of the same values.</summary>
public class HdrHistogramReferenceTests
{
    private static readonly double[] Percentiles =
    [
        0, 0.001, 0.1, 1, 5, 10, 25, 33.3, 50, 66.6, 75, 90, 95, 99, 99.5, 99.9, 99.99, 99.999, 100,
        0.07, 0.085, 16.1, 64.4, // p * 20000 / 100 lands a hair above an integer in binary floating point
    ];

    private static IEnumerable<Sample> Samples() => All();

    [TestCaseSource(nameof(Samples))]
    public void Every_percentile_is_the_equivalent_of_the_nearest_rank_value(Sample sample)
    {
        var histogram = Record(sample);
        long[] sorted = Sorted(sample);
        var random = new Random(42);
        var percentiles = Percentiles.Concat(Enumerable.Range(0, 200).Select(_ => random.NextDouble() * 100)).ToArray();

        foreach (double p in percentiles)
        {
            long reference = NearestRank(sorted, p);
            long expected = p == 0 ? histogram.LowestEquivalentValue(reference) : histogram.HighestEquivalentValue(reference);
            Assert.That(histogram.GetValueAtPercentile(p), Is.EqualTo(expected), $"p{p} (reference value {reference})");
        }
    }

    [TestCaseSource(nameof(Samples))]
    public void Every_percentile_is_within_the_stated_precision(Sample sample)
    {
        var histogram = Record(sample);
        long[] sorted = Sorted(sample);
        long unit = 1L << histogram.UnitMagnitude;

        foreach (double p in Percentiles.Where(p => p > 0))
        {
            long reference = NearestRank(sorted, p);
            long reported = histogram.GetValueAtPercentile(p);
            // Above the unit, a slot is at most 1/10^digits of its values wide; below it, one unit.
            double allowed = Math.Max(reference / Math.Pow(10, sample.Digits), unit - 1);
            Assert.That(reported, Is.GreaterThanOrEqualTo(reference), $"p{p}");
            Assert.That(reported - reference, Is.LessThanOrEqualTo(allowed), $"p{p}: {reported} for reference {reference}");
        }
    }

    [TestCaseSource(nameof(Samples))]
    public void Count_min_max_mean_and_deviation_agree_with_the_raw_values(Sample sample)
    {
        var histogram = Record(sample);
        long[] sorted = Sorted(sample);
        double precision = Math.Pow(10, -sample.Digits);
        long unit = 1L << histogram.UnitMagnitude;

        Assert.That(histogram.TotalCount, Is.EqualTo(sorted.Length));
        Assert.That(histogram.OutOfRangeCount, Is.Zero);
        long expectedMax = histogram.CountsArrayIndex(sorted[^1]) == 0 ? 0 : histogram.HighestEquivalentValue(sorted[^1]);
        Assert.That(histogram.MaxValue, Is.EqualTo(expectedMax));
        long expectedMin = histogram.CountsArrayIndex(sorted[0]) == 0 ? 0 : histogram.LowestEquivalentValue(sorted[0]);
        Assert.That(histogram.MinValue, Is.EqualTo(expectedMin));

        double mean = sorted.Average(v => (double)v);
        double deviation = Math.Sqrt(sorted.Average(v => (v - mean) * (v - mean)));
        // Every value moves by at most one slot width (<= value * 10^-digits, or one unit), and so do
        // the mean and (being 1-Lipschitz in the values) the standard deviation.
        double maxShift = Math.Max(sorted[^1] * precision, unit);
        Assert.That(histogram.Mean, Is.EqualTo(mean).Within(mean * precision + unit));
        Assert.That(histogram.StdDeviation, Is.EqualTo(deviation).Within(maxShift));
    }

    [TestCaseSource(nameof(Samples))]
    public void Each_slot_counts_exactly_the_values_equivalent_to_it(Sample sample)
    {
        var histogram = Record(sample);
        var expected = new Dictionary<long, long>();
        foreach (long v in sample.Values)
        {
            long lowest = histogram.LowestEquivalentValue(v);
            Assert.That(histogram.ValuesAreEquivalent(v, lowest), Is.True);
            Assert.That(v, Is.InRange(lowest, histogram.HighestEquivalentValue(v)));
            expected[lowest] = expected.GetValueOrDefault(lowest) + 1;
        }
        foreach (var (lowest, count) in expected)
            Assert.That(histogram.GetCountAtValue(lowest), Is.EqualTo(count), $"slot of {lowest}");
        Assert.That(expected.Values.Sum(), Is.EqualTo(histogram.TotalCount));
    }

    internal static HdrHistogram Record(Sample sample)
    {
        var histogram = new HdrHistogram(sample.Lowest, sample.Highest, sample.Digits);
        foreach (long v in sample.Values)
            histogram.RecordValue(v);
        return histogram;
    }

    private static long[] Sorted(Sample sample)
    {
        long[] sorted = (long[])sample.Values.Clone();
        Array.Sort(sorted);
        return sorted;
    }

    // Nearest-rank percentile: the ceil(p/100 * N)-th smallest value (at least the first), with the rank
    // computed in decimal so that e.g. 99.9% of 20000 is exactly rank 19980.
    private static long NearestRank(long[] sorted, double percentile)
    {
        decimal rank = Math.Ceiling((decimal)percentile * sorted.Length / 100m);
        return sorted[(int)Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
