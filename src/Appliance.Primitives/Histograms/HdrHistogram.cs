using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Appliance.Primitives.Histograms;

/// <summary>
/// A High Dynamic Range histogram of non-negative <see cref="long"/> values with exactly the bucket
/// layout of HdrHistogram (Java original and hdr-histogram-js): the same counts index for every value,
/// so percentiles, the <c>.hgrm</c> text and the V2 compressed encoding interoperate with their tools.
/// </summary>
/// <remarks>
/// One thread records; nothing here is synchronised. A thread that records while others read uses
/// <see cref="IntervalRecorder"/>. Values outside <c>[0, HighestRecordableValue]</c> never throw and
/// are never clamped: they are left out of every count and statistic and counted in
/// <see cref="OutOfRangeCount"/> (with the last one in <see cref="LastOutOfRangeValue"/>), so a
/// report can say how many samples it could not place.
/// </remarks>
public sealed partial class HdrHistogram
{
    // Hot: read on every record.
    private readonly long[] _counts;
    private readonly long _highestRecordableValue;
    private readonly long _subBucketMask;
    private readonly int _leadingZeroCountBase;
    private readonly int _unitMagnitude;
    private readonly int _subBucketHalfCountMagnitude;
    // The total is summed from the counts when asked for, not incremented per record: a field
    // incremented on every record is a load-add-store chain from one record to the next (the counts
    // slots are not, unless values repeat). Recording only marks the total stale, a plain store
    // nothing waits on: about 1.8 -> 1.5 ns per record measured on this project's EPYC box.
    private long _totalCount;
    private bool _totalCountStale;

    private long _outOfRangeCount;
    private long _lastOutOfRangeValue;

    /// <summary>
    /// Creates a histogram tracking values from 0 (resolution <paramref name="lowestDiscernibleValue"/>)
    /// to at least <paramref name="highestTrackableValue"/> with the given number of significant decimal digits.
    /// </summary>
    /// <param name="lowestDiscernibleValue">Smallest value told apart from 0; at least 1. Rounded down to a power of two internally (as in HdrHistogram).</param>
    /// <param name="highestTrackableValue">Highest value to track; at least 2 * <paramref name="lowestDiscernibleValue"/>.</param>
    /// <param name="numberOfSignificantValueDigits">Decimal digits of precision kept across the range, 0 to 5 (HdrHistogram's range; 1 to 5 in practice).</param>
    public HdrHistogram(long lowestDiscernibleValue, long highestTrackableValue, int numberOfSignificantValueDigits)
    {
        if (lowestDiscernibleValue < 1)
            throw new ArgumentOutOfRangeException(nameof(lowestDiscernibleValue), lowestDiscernibleValue, "lowestDiscernibleValue must be >= 1.");
        if (lowestDiscernibleValue > long.MaxValue / 2)
            throw new ArgumentOutOfRangeException(nameof(lowestDiscernibleValue), lowestDiscernibleValue, "lowestDiscernibleValue must be <= long.MaxValue / 2.");
        if (highestTrackableValue < 2 * lowestDiscernibleValue)
            throw new ArgumentOutOfRangeException(nameof(highestTrackableValue), highestTrackableValue,
                $"highestTrackableValue must be >= 2 * lowestDiscernibleValue ({2 * lowestDiscernibleValue}).");
        if (numberOfSignificantValueDigits is < 0 or > 5)
            throw new ArgumentOutOfRangeException(nameof(numberOfSignificantValueDigits), numberOfSignificantValueDigits,
                "numberOfSignificantValueDigits must be between 0 and 5.");

        LowestDiscernibleValue = lowestDiscernibleValue;
        HighestTrackableValue = highestTrackableValue;
        NumberOfSignificantValueDigits = numberOfSignificantValueDigits;

        // The same floating-point formulas as AbstractHistogram.init, not exact integer log2: for a
        // lowestDiscernibleValue just below a large power of two (2^48 - 1 and up) they round up, and
        // matching the original layout matters more than the mathematically tidier answer.
        long largestValueWithSingleUnitResolution = 2 * (long)Math.Pow(10, numberOfSignificantValueDigits);
        _unitMagnitude = (int)(Math.Log(lowestDiscernibleValue) / Math.Log(2));
        int subBucketCountMagnitude = (int)Math.Ceiling(Math.Log(largestValueWithSingleUnitResolution) / Math.Log(2));
        if (subBucketCountMagnitude + _unitMagnitude > 62)
            throw new ArgumentOutOfRangeException(nameof(numberOfSignificantValueDigits), numberOfSignificantValueDigits,
                $"Cannot represent {numberOfSignificantValueDigits} significant digits beyond lowestDiscernibleValue {lowestDiscernibleValue}.");

        _subBucketHalfCountMagnitude = subBucketCountMagnitude - 1;
        SubBucketCount = 1 << subBucketCountMagnitude;
        SubBucketHalfCount = SubBucketCount / 2;
        _subBucketMask = ((long)SubBucketCount - 1) << _unitMagnitude;
        _leadingZeroCountBase = 64 - _unitMagnitude - subBucketCountMagnitude;

        BucketCount = BucketsNeededToCoverValue(highestTrackableValue);
        CountsArrayLength = (BucketCount + 1) * SubBucketHalfCount;
        _counts = new long[CountsArrayLength];
        _highestRecordableValue = ComputeHighestRecordableValue();
    }

    /// <summary>Lowest value told apart from 0, as configured.</summary>
    public long LowestDiscernibleValue { get; }

    /// <summary>Highest trackable value, as configured.</summary>
    public long HighestTrackableValue { get; }

    /// <summary>Decimal digits of precision, as configured.</summary>
    public int NumberOfSignificantValueDigits { get; }

    /// <summary>Largest k with 2^k &lt;= lowestDiscernibleValue (HdrHistogram's formula): the width of bucket 0's sub-buckets is 2^k.</summary>
    public int UnitMagnitude => _unitMagnitude;

    /// <summary>log2 of <see cref="SubBucketHalfCount"/>.</summary>
    public int SubBucketHalfCountMagnitude => _subBucketHalfCountMagnitude;

    /// <summary>Sub-buckets per bucket: the smallest power of two &gt;= 2 * 10^digits.</summary>
    public int SubBucketCount { get; }

    /// <summary>Half of <see cref="SubBucketCount"/>: every bucket after the first uses only its top half.</summary>
    public int SubBucketHalfCount { get; }

    /// <summary>Number of power-of-two buckets needed to cover <see cref="HighestTrackableValue"/>.</summary>
    public int BucketCount { get; }

    /// <summary>Length of the counts array: (BucketCount + 1) * SubBucketHalfCount.</summary>
    public int CountsArrayLength { get; }

    /// <summary>
    /// The highest value that has a slot: highestEquivalentValue(valueFromIndex(CountsArrayLength - 1)).
    /// At least <see cref="HighestTrackableValue"/>; HdrHistogram records up to here too.
    /// </summary>
    public long HighestRecordableValue => _highestRecordableValue;

    /// <summary>Total count of recorded values (out-of-range values excluded). After recording, the first read sums the counts.</summary>
    public long TotalCount => _totalCountStale ? SumCounts() : _totalCount;

    /// <summary>How many values were refused because they were negative or above <see cref="HighestRecordableValue"/>.</summary>
    public long OutOfRangeCount => _outOfRangeCount;

    /// <summary>The most recent refused value (meaningful only when <see cref="OutOfRangeCount"/> &gt; 0).</summary>
    public long LastOutOfRangeValue => _lastOutOfRangeValue;

    /// <summary>Start of the period this histogram covers, by convention milliseconds since the Unix epoch (log format).</summary>
    public long StartTimeStamp { get; set; } = long.MaxValue;

    /// <summary>End of the period this histogram covers, by convention milliseconds since the Unix epoch (log format).</summary>
    public long EndTimeStamp { get; set; }

    /// <summary>Optional tag written with the histogram in a log (no commas, spaces or line breaks).</summary>
    public string? Tag { get; set; }

    /// <summary>Records one occurrence of <paramref name="value"/>. Never allocates, never throws.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RecordValue(long value)
    {
        // One unsigned compare refuses negatives and values past the last slot alike; once it passes,
        // the index is provably inside _counts, so the bounds check is dropped.
        if ((ulong)value <= (ulong)_highestRecordableValue)
        {
            Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_counts), CountsArrayIndexUnchecked(value))++;
            _totalCountStale = true;
        }
        else
        {
            RecordOutOfRange(value, 1);
        }
    }

    /// <summary>Records <paramref name="count"/> occurrences of <paramref name="value"/>. Never allocates, never throws.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RecordValueWithCount(long value, long count)
    {
        if ((ulong)value <= (ulong)_highestRecordableValue)
        {
            Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_counts), CountsArrayIndexUnchecked(value)) += count;
            _totalCountStale = true;
        }
        else
        {
            RecordOutOfRange(value, count);
        }
    }

    /// <summary>
    /// Records <paramref name="value"/> and corrects for coordinated omission exactly as HdrHistogram's
    /// recordValueWithExpectedInterval: when the value exceeds the expected interval between samples,
    /// also records value - interval, value - 2*interval, ... down to (and including) the interval.
    /// An out-of-range value is counted once in <see cref="OutOfRangeCount"/> and not corrected.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RecordValueWithExpectedInterval(long value, long expectedIntervalBetweenValueSamples)
    {
        RecordValue(value);
        if (expectedIntervalBetweenValueSamples > 0 && value - expectedIntervalBetweenValueSamples >= expectedIntervalBetweenValueSamples)
            RecordMissingValues(value, expectedIntervalBetweenValueSamples);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RecordMissingValues(long value, long expectedInterval)
    {
        if ((ulong)value > (ulong)_highestRecordableValue)
            return;
        for (long missingValue = value - expectedInterval; missingValue >= expectedInterval; missingValue -= expectedInterval)
            RecordValue(missingValue);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RecordOutOfRange(long value, long count)
    {
        _outOfRangeCount += count;
        _lastOutOfRangeValue = value;
    }

    /// <summary>Clears every count, the out-of-range tally, the timestamps and the tag.</summary>
    public void Reset()
    {
        Array.Clear(_counts);
        _totalCount = 0;
        _totalCountStale = false;
        _outOfRangeCount = 0;
        _lastOutOfRangeValue = 0;
        StartTimeStamp = long.MaxValue;
        EndTimeStamp = 0;
        Tag = null;
    }

    /// <summary>A new histogram with the same layout, counts, out-of-range tally, timestamps and tag.</summary>
    public HdrHistogram Copy()
    {
        var copy = new HdrHistogram(LowestDiscernibleValue, HighestTrackableValue, NumberOfSignificantValueDigits);
        CopyInto(copy);
        return copy;
    }

    /// <summary>Overwrites <paramref name="target"/> with this histogram's contents (any layout that can hold them).</summary>
    public void CopyInto(HdrHistogram target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (ReferenceEquals(target, this))
            return;
        target.Reset();
        target.Add(this);
        target._outOfRangeCount = _outOfRangeCount;
        target._lastOutOfRangeValue = _lastOutOfRangeValue;
        target.StartTimeStamp = StartTimeStamp;
        target.EndTimeStamp = EndTimeStamp;
        target.Tag = Tag;
    }

    /// <summary>
    /// Adds <paramref name="other"/>'s counts to this histogram, as HdrHistogram's add: slot by slot when
    /// the layouts match, otherwise each of other's slots is recorded at its lowest equivalent value.
    /// The start/end timestamps widen to cover both; out-of-range tallies add up.
    /// </summary>
    /// <exception cref="ArgumentException">other holds values above this histogram's <see cref="HighestRecordableValue"/> (nothing is added).</exception>
    public void Add(HdrHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        long otherMax = other.MaxValue;
        if (otherMax > _highestRecordableValue)
            throw new ArgumentException(
                $"The other histogram holds values up to {otherMax}, above this histogram's highest recordable value {_highestRecordableValue}.",
                nameof(other));

        if (BucketCount == other.BucketCount && SubBucketCount == other.SubBucketCount && _unitMagnitude == other._unitMagnitude)
        {
            long[] mine = _counts;
            long[] theirs = other._counts;
            for (int i = 0; i < theirs.Length; i++)
                mine[i] += theirs[i];
            _totalCountStale = true;
        }
        else
        {
            long[] theirs = other._counts;
            for (int i = 0; i < theirs.Length; i++)
            {
                if (theirs[i] != 0)
                    RecordValueWithCount(other.ValueFromIndex(i), theirs[i]);
            }
        }

        _outOfRangeCount += other._outOfRangeCount;
        if (other._outOfRangeCount != 0)
            _lastOutOfRangeValue = other._lastOutOfRangeValue;
        StartTimeStamp = Math.Min(StartTimeStamp, other.StartTimeStamp);
        EndTimeStamp = Math.Max(EndTimeStamp, other.EndTimeStamp);
    }

    /// <summary>
    /// True when both histograms count the same values: same LowestDiscernibleValue and digits, and every
    /// slot equal (compared value by value when the two cover different ranges). Timestamps, tags and
    /// out-of-range tallies are not compared.
    /// </summary>
    public bool CountsEqual(HdrHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (LowestDiscernibleValue != other.LowestDiscernibleValue ||
            NumberOfSignificantValueDigits != other.NumberOfSignificantValueDigits ||
            TotalCount != other.TotalCount)
            return false;
        if (CountsArrayLength == other.CountsArrayLength)
            return _counts.AsSpan().SequenceEqual(other._counts);
        for (int i = 0; i < _counts.Length; i++)
        {
            if (_counts[i] != 0 && other.GetCountAtValue(ValueFromIndex(i)) != _counts[i])
                return false;
        }
        return true;
    }

    /// <summary>The count held in slot <paramref name="index"/> (0 to CountsArrayLength - 1).</summary>
    public long GetCountAtIndex(int index) => _counts[index];

    /// <summary>The count of values equivalent to <paramref name="value"/>; values past the range read the last slot (as HdrHistogram).</summary>
    public long GetCountAtValue(long value) => _counts[Math.Min(CountsArrayIndex(value), CountsArrayLength - 1)];

    /// <summary>The counts slot of a non-negative value (may be past the array for values above the range).</summary>
    public int CountsArrayIndex(long value)
    {
        if (value < 0)
            HistogramThrowHelper.ThrowNegativeValue(value);
        return CountsArrayIndexUnchecked(value);
    }

    /// <summary>The lowest value that shares slot <paramref name="index"/>.</summary>
    public long ValueFromIndex(int index)
    {
        int bucketIndex = (index >> _subBucketHalfCountMagnitude) - 1;
        int subBucketIndex = (index & (SubBucketHalfCount - 1)) + SubBucketHalfCount;
        if (bucketIndex < 0)
        {
            subBucketIndex -= SubBucketHalfCount;
            bucketIndex = 0;
        }
        return (long)subBucketIndex << (bucketIndex + _unitMagnitude);
    }

    /// <summary>Width of the range of values equivalent to <paramref name="value"/>.</summary>
    public long SizeOfEquivalentValueRange(long value) => 1L << (_unitMagnitude + BucketIndex(NonNegative(value)));

    /// <summary>The lowest value equivalent to <paramref name="value"/> (shares its slot).</summary>
    public long LowestEquivalentValue(long value)
    {
        int bucketIndex = BucketIndex(NonNegative(value));
        long subBucketIndex = (long)((ulong)value >> (bucketIndex + _unitMagnitude));
        return subBucketIndex << (bucketIndex + _unitMagnitude);
    }

    /// <summary>The highest value equivalent to <paramref name="value"/> (shares its slot).</summary>
    public long HighestEquivalentValue(long value) => NextNonEquivalentValue(value) - 1;

    /// <summary>The lowest value above <paramref name="value"/> that is not equivalent to it.</summary>
    public long NextNonEquivalentValue(long value) => LowestEquivalentValue(value) + SizeOfEquivalentValueRange(value);

    /// <summary>The middle (rounded up) of the range of values equivalent to <paramref name="value"/>.</summary>
    public long MedianEquivalentValue(long value) => LowestEquivalentValue(value) + (SizeOfEquivalentValueRange(value) >> 1);

    /// <summary>True when both values share a slot.</summary>
    public bool ValuesAreEquivalent(long value1, long value2) => LowestEquivalentValue(value1) == LowestEquivalentValue(value2);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private long SumCounts()
    {
        ReadOnlySpan<long> counts = _counts;
        var sums = System.Numerics.Vector<long>.Zero;
        int i = 0;
        for (; i <= counts.Length - System.Numerics.Vector<long>.Count; i += System.Numerics.Vector<long>.Count)
            sums += new System.Numerics.Vector<long>(counts[i..]);
        long total = System.Numerics.Vector.Sum(sums);
        for (; i < counts.Length; i++)
            total += counts[i];
        _totalCount = total;
        _totalCountStale = false;
        return total;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int BucketIndex(long value) =>
        _leadingZeroCountBase - System.Numerics.BitOperations.LeadingZeroCount((ulong)(value | _subBucketMask));

    // HdrHistogram's countsArrayIndex: ((bucketIndex + 1) << halfMagnitude) + subBucketIndex - halfCount,
    // which is the same number as (bucketIndex << halfMagnitude) + subBucketIndex, one add shorter.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int CountsArrayIndexUnchecked(long value)
    {
        int bucketIndex = BucketIndex(value);
        int subBucketIndex = (int)((ulong)value >> (bucketIndex + _unitMagnitude));
        return (bucketIndex << _subBucketHalfCountMagnitude) + subBucketIndex;
    }

    private static long NonNegative(long value)
    {
        if (value < 0)
            HistogramThrowHelper.ThrowNegativeValue(value);
        return value;
    }

    private int BucketsNeededToCoverValue(long value)
    {
        // The k'th bucket covers 0 .. subBucketCount * 2^(k + unitMagnitude); the shift cannot overflow
        // because subBucketCountMagnitude + unitMagnitude <= 62.
        long smallestUntrackableValue = (long)SubBucketCount << _unitMagnitude;
        int bucketsNeeded = 1;
        while (smallestUntrackableValue <= value)
        {
            if (smallestUntrackableValue > long.MaxValue / 2)
                return bucketsNeeded + 1; // the next doubling would overflow: this is the last bucket
            smallestUntrackableValue <<= 1;
            bucketsNeeded++;
        }
        return bucketsNeeded;
    }

    private long ComputeHighestRecordableValue()
    {
        // In unsigned arithmetic: the last slot of a histogram that reaches long.MaxValue ends at 2^63 - 1
        // or beyond, and everything up to long.MaxValue is then recordable.
        int lastIndex = CountsArrayLength - 1;
        ulong lowest = (ulong)ValueFromIndex(lastIndex);
        int bucketIndex = Math.Max((lastIndex >> _subBucketHalfCountMagnitude) - 1, 0);
        ulong highest = lowest + (1UL << (bucketIndex + _unitMagnitude)) - 1;
        return highest > long.MaxValue ? long.MaxValue : (long)highest;
    }
}
