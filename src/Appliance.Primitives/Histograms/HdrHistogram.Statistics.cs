namespace Appliance.Primitives.Histograms;

// Percentiles, mean, standard deviation, min and max: cold-path scans of the counts array that
// reproduce HdrHistogram's arithmetic operation for operation, so the doubles come out bit-equal.
public sealed partial class HdrHistogram
{
    /// <summary>
    /// Highest recorded value, reported as HdrHistogram does: the highest value equivalent to it.
    /// 0 when nothing (or only values in slot 0) was recorded.
    /// </summary>
    /// <remarks>
    /// Derived from the counts instead of tracked per record (keeps <see cref="RecordValue"/> to one
    /// compare and two increments). The only case that differs from a live Java histogram: with
    /// lowestDiscernibleValue &gt; 1, values below it share slot 0 with 0 and report 0 here.
    /// </remarks>
    public long MaxValue
    {
        get
        {
            int maxIndex = MaxNonZeroIndex();
            return maxIndex <= 0 ? 0 : HighestEquivalentValue(ValueFromIndex(maxIndex));
        }
    }

    /// <summary>Lowest recorded value (its lowest equivalent value), as HdrHistogram's getMinValue: 0 when empty or when 0 was recorded.</summary>
    public long MinValue => _counts[0] > 0 || TotalCount == 0 ? 0 : MinNonZeroValue;

    /// <summary>Lowest recorded non-zero value (its lowest equivalent value); long.MaxValue when there is none.</summary>
    public long MinNonZeroValue
    {
        get
        {
            long[] counts = _counts;
            for (int i = 1; i < counts.Length; i++)
            {
                if (counts[i] > 0)
                    return ValueFromIndex(i);
            }
            return long.MaxValue;
        }
    }

    /// <summary>Mean of the recorded values, each taken at the middle of its equivalent range (as HdrHistogram).</summary>
    public double Mean
    {
        get
        {
            long totalCount = TotalCount;
            if (totalCount == 0)
                return 0.0;
            long[] counts = _counts;
            double totalValue = 0;
            for (int i = 0; i < counts.Length; i++)
            {
                long count = counts[i];
                if (count != 0)
                    totalValue += MedianEquivalentValue(HighestEquivalentValue(ValueFromIndex(i))) * (double)count;
            }
            return totalValue * 1.0 / totalCount;
        }
    }

    /// <summary>Population standard deviation of the recorded values, computed as HdrHistogram's getStdDeviation.</summary>
    public double StdDeviation
    {
        get
        {
            long totalCount = TotalCount;
            if (totalCount == 0)
                return 0.0;
            double mean = Mean;
            double geometricDeviationTotal = 0.0;
            long[] counts = _counts;
            for (int i = 0; i < counts.Length; i++)
            {
                long count = counts[i];
                if (count != 0)
                {
                    double deviation = MedianEquivalentValue(HighestEquivalentValue(ValueFromIndex(i))) * 1.0 - mean;
                    geometricDeviationTotal += deviation * deviation * count;
                }
            }
            return Math.Sqrt(geometricDeviationTotal / totalCount);
        }
    }

    /// <summary>
    /// The value at <paramref name="percentile"/> (0 to 100), rounded as the Java original: the
    /// highest value equivalent to the smallest recorded value that at least
    /// ceil(nextDown(percentile) * TotalCount / 100) recorded values are at or below (at least the first
    /// value). For percentile 0 the lowest equivalent value of the smallest recorded value. 0 when empty.
    /// </summary>
    /// <remarks>
    /// HdrHistogram.NET rounds the count to nearest ((p / 100 * N) + 0.5) and so reports a lower value
    /// than Java for many (p, N); this follows Java (hdr-histogram-js agrees: checked by the cross-check tests).
    /// </remarks>
    public long GetValueAtPercentile(double percentile)
    {
        // Remove 1 ulp so fp round-off in p * N / 100 cannot push an exact count over to the next integer.
        double requestedPercentile = Math.Min(Math.Max(Math.BitDecrement(percentile), 0.0), 100.0);
        double fpCountAtPercentile = requestedPercentile * TotalCount / 100.0;
        long countAtPercentile = Math.Max((long)Math.Ceiling(fpCountAtPercentile), 1);

        long[] counts = _counts;
        long totalToCurrentIndex = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            totalToCurrentIndex += counts[i];
            if (totalToCurrentIndex >= countAtPercentile)
            {
                long valueAtIndex = ValueFromIndex(i);
                return percentile == 0.0 ? LowestEquivalentValue(valueAtIndex) : HighestEquivalentValue(valueAtIndex);
            }
        }
        return 0;
    }

    /// <summary>Percentage (0 to 100) of recorded values at or below (equivalent to) <paramref name="value"/>; 100 when empty.</summary>
    public double GetPercentileAtOrBelowValue(long value)
    {
        long totalCount = TotalCount;
        if (totalCount == 0)
            return 100.0;
        int targetIndex = Math.Min(CountsArrayIndex(value), CountsArrayLength - 1);
        long totalToCurrentIndex = 0;
        for (int i = 0; i <= targetIndex; i++)
            totalToCurrentIndex += _counts[i];
        return 100.0 * totalToCurrentIndex / totalCount;
    }

    private int MaxNonZeroIndex()
    {
        long[] counts = _counts;
        for (int i = counts.Length - 1; i >= 0; i--)
        {
            if (counts[i] != 0)
                return i;
        }
        return -1;
    }
}
