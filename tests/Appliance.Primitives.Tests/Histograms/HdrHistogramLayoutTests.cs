using Appliance.Primitives.Histograms;

namespace Appliance.Primitives.Tests.Histograms;

public class HdrHistogramLayoutTests
{
    // Expected values as hdr-histogram-js 3.0.1 computes them (same as the Java original); the last
    // case (to long.MaxValue, beyond what js can represent) worked out by hand from AbstractHistogram.
    [TestCase(1L, 1_000L, 1, 0, 4, 32, 6, 112, 1_023L)]
    [TestCase(1L, 3_600_000_000L, 3, 0, 10, 2048, 22, 23_552, 4_294_967_295L)]
    [TestCase(1000L, 3_600_000_000_000L, 3, 9, 10, 2048, 23, 24_576, 4_398_046_511_103L)]
    [TestCase(1L, 10_000_000L, 5, 0, 17, 262_144, 7, 1_048_576, 16_777_215L)]
    [TestCase(1L, 2L, 2, 0, 7, 256, 1, 256, 255L)]
    [TestCase(1024L, 1_000_000_000L, 2, 10, 7, 256, 13, 1792, 1_073_741_823L)]
    [TestCase(5L, 100_000L, 4, 2, 14, 32_768, 1, 32_768, 131_071L)]
    [TestCase(1L, 3_600_000_000_000L, 3, 0, 10, 2048, 32, 33_792, 4_398_046_511_103L)]
    [TestCase(1_000_000L, 3_600_000_000_000L, 2, 19, 7, 256, 16, 2176, 4_398_046_511_103L)]
    [TestCase(1L, 1_000L, 0, 0, 0, 2, 10, 11, 1_023L)]
    [TestCase(1L, long.MaxValue, 2, 0, 7, 256, 56, 7296, long.MaxValue)]
    public void Layout_matches_HdrHistogram(long lowest, long highest, int digits,
        int unitMagnitude, int subBucketHalfCountMagnitude, int subBucketCount, int bucketCount, int countsArrayLength,
        long highestRecordable)
    {
        var h = new HdrHistogram(lowest, highest, digits);

        Assert.That(h.UnitMagnitude, Is.EqualTo(unitMagnitude));
        Assert.That(h.SubBucketHalfCountMagnitude, Is.EqualTo(subBucketHalfCountMagnitude));
        Assert.That(h.SubBucketCount, Is.EqualTo(subBucketCount));
        Assert.That(h.SubBucketHalfCount, Is.EqualTo(subBucketCount / 2));
        Assert.That(h.BucketCount, Is.EqualTo(bucketCount));
        Assert.That(h.CountsArrayLength, Is.EqualTo(countsArrayLength));
        Assert.That(h.HighestRecordableValue, Is.EqualTo(highestRecordable));
    }

    [Test]
    public void Counts_index_is_the_original_bucket_and_sub_bucket_formula()
    {
        var h = new HdrHistogram(1000, 3_600_000_000_000, 3);
        var random = new Random(7);
        for (int i = 0; i < 100_000; i++)
        {
            long value = i < 5000 ? i : random.NextInt64(0, h.HighestRecordableValue + 1);
            // By definition: the lowest bucket whose subBucketCount slots of 2^(bucket + unit) reach past
            // the value, then AbstractHistogram's index formula.
            int bucketIndex = 0;
            while (value >= (long)h.SubBucketCount << (bucketIndex + h.UnitMagnitude))
                bucketIndex++;
            int subBucketIndex = (int)(value >> (bucketIndex + h.UnitMagnitude));
            int expected = ((bucketIndex + 1) << h.SubBucketHalfCountMagnitude) + subBucketIndex - h.SubBucketHalfCount;

            Assert.That(h.CountsArrayIndex(value), Is.EqualTo(expected), $"value {value}");
            Assert.That(h.ValueFromIndex(expected), Is.EqualTo(h.LowestEquivalentValue(value)));
        }
    }

    [Test]
    public void Slots_tile_the_range_without_gaps_or_overlaps()
    {
        var h = new HdrHistogram(1, 100_000, 2);
        long next = 0;
        for (int index = 0; index < h.CountsArrayLength; index++)
        {
            long lowest = h.ValueFromIndex(index);
            Assert.That(lowest, Is.EqualTo(next), $"index {index}");
            next = h.NextNonEquivalentValue(lowest);
            Assert.That(h.CountsArrayIndex(next - 1), Is.EqualTo(index));
        }
        Assert.That(next - 1, Is.EqualTo(h.HighestRecordableValue));
    }

    [Test]
    public void Equivalent_ranges_are_within_the_configured_precision()
    {
        var h = new HdrHistogram(1, 3_600_000_000_000, 3);
        Assert.That(h.SizeOfEquivalentValueRange(1), Is.EqualTo(1));
        Assert.That(h.SizeOfEquivalentValueRange(2047), Is.EqualTo(1));
        Assert.That(h.SizeOfEquivalentValueRange(2048), Is.EqualTo(2));
        Assert.That(h.LowestEquivalentValue(10_007), Is.EqualTo(10_000));
        Assert.That(h.HighestEquivalentValue(10_007), Is.EqualTo(10_007));
        Assert.That(h.MedianEquivalentValue(10_007), Is.EqualTo(10_004));
        Assert.That(h.HighestEquivalentValue(123_456), Is.EqualTo(123_519));
        Assert.That(h.ValuesAreEquivalent(123_456, 123_519), Is.True);
        Assert.That(h.ValuesAreEquivalent(123_456, 123_520), Is.False);
    }

    [TestCase(0L, 100L, 3, "lowestDiscernibleValue")]
    [TestCase(long.MaxValue / 2 + 1, long.MaxValue, 3, "lowestDiscernibleValue")]
    [TestCase(10L, 19L, 3, "highestTrackableValue")]
    [TestCase(1L, 1000L, -1, "numberOfSignificantValueDigits")]
    [TestCase(1L, 1000L, 6, "numberOfSignificantValueDigits")]
    [TestCase(1L << 50, long.MaxValue, 5, "numberOfSignificantValueDigits")]
    public void Invalid_layouts_are_refused_naming_the_parameter(long lowest, long highest, int digits, string parameter)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new HdrHistogram(lowest, highest, digits));
        Assert.That(ex!.ParamName, Is.EqualTo(parameter));
    }
}
