namespace Appliance.Primitives.Histograms;

/// <summary>
/// Walks a histogram in percentile steps exactly as HdrHistogram's PercentileIterator (the rows of the
/// <c>.hgrm</c> table): fixed-size ticks per half-distance to 100%, then one last step at 100%.
/// </summary>
/// <remarks>Mutable struct: keep it in a local, never in a readonly field.</remarks>
internal struct PercentileIterator
{
    private readonly HdrHistogram _histogram;
    private readonly long _arrayTotalCount;
    private readonly int _percentileTicksPerHalfDistance;
    private int _currentIndex;
    private long _totalCountToCurrentIndex;
    private long _countAtThisValue;
    private bool _freshSubBucket;
    private double _percentileLevelToIterateTo;
    private bool _reachedLastRecordedValue;

    public PercentileIterator(HdrHistogram histogram, int percentileTicksPerHalfDistance)
    {
        _histogram = histogram;
        _arrayTotalCount = histogram.TotalCount;
        _percentileTicksPerHalfDistance = percentileTicksPerHalfDistance;
        _freshSubBucket = true;
    }

    /// <summary>Highest equivalent value of the slot the step stopped at.</summary>
    public long ValueIteratedTo { get; private set; }

    /// <summary>The percentile level this step reports (the tick, not the exact percentile of the value).</summary>
    public double PercentileLevelIteratedTo { get; private set; }

    /// <summary>Recorded values at or below <see cref="ValueIteratedTo"/>.</summary>
    public long TotalCountToThisValue { get; private set; }

    public bool MoveNext()
    {
        if (_totalCountToCurrentIndex >= _arrayTotalCount)
        {
            // One additional last step to 100%.
            if (_reachedLastRecordedValue || _arrayTotalCount <= 0)
                return false;
            _percentileLevelToIterateTo = 100.0;
            _reachedLastRecordedValue = true;
        }

        int length = _histogram.CountsArrayLength;
        while (_currentIndex < length)
        {
            _countAtThisValue = _histogram.GetCountAtIndex(_currentIndex);
            if (_freshSubBucket)
            {
                _totalCountToCurrentIndex += _countAtThisValue;
                _freshSubBucket = false;
            }
            if (ReachedIterationLevel())
            {
                ValueIteratedTo = _histogram.HighestEquivalentValue(_histogram.ValueFromIndex(_currentIndex));
                PercentileLevelIteratedTo = _percentileLevelToIterateTo;
                TotalCountToThisValue = _totalCountToCurrentIndex;
                IncrementIterationLevel();
                return true;
            }
            _freshSubBucket = true;
            _currentIndex++;
        }
        // Only reachable when counts do not add up to TotalCount (a corrupt histogram).
        return false;
    }

    private readonly bool ReachedIterationLevel()
    {
        if (_countAtThisValue == 0)
            return false;
        double currentPercentile = 100.0 * _totalCountToCurrentIndex / _arrayTotalCount;
        return currentPercentile >= _percentileLevelToIterateTo;
    }

    private void IncrementIterationLevel()
    {
        // Java computes the half-distance scale as (long)(ln(x) / ln(2)); kept as is (not Math.Log2) so the
        // tick sequence matches the original bit for bit.
        long percentileReportingTicks = _percentileTicksPerHalfDistance *
            (long)Math.Pow(2, (long)(Math.Log(100.0 / (100.0 - _percentileLevelToIterateTo)) / Math.Log(2)) + 1);
        _percentileLevelToIterateTo += 100.0 / percentileReportingTicks;
    }
}
