using Appliance.Primitives.Histograms;

namespace Appliance.Primitives.Tests.Histograms;

public class HdrHistogramRecordingTests
{
    [Test]
    public void Out_of_range_values_are_counted_apart_never_clamped_or_thrown()
    {
        var h = new HdrHistogram(1, 1000, 2);
        h.RecordValue(-1);
        h.RecordValue(h.HighestRecordableValue + 1);
        h.RecordValue(long.MaxValue);
        h.RecordValueWithCount(long.MinValue, 5);

        Assert.That(h.TotalCount, Is.Zero);
        Assert.That(h.OutOfRangeCount, Is.EqualTo(8));
        Assert.That(h.LastOutOfRangeValue, Is.EqualTo(long.MinValue));
        Assert.That(h.MaxValue, Is.Zero);

        h.RecordValue(h.HighestRecordableValue); // the last slot still takes values above highestTrackableValue, as Java
        Assert.That(h.TotalCount, Is.EqualTo(1));
        Assert.That(h.MaxValue, Is.EqualTo(h.HighestRecordableValue));
        Assert.That(h.HighestRecordableValue, Is.GreaterThan(h.HighestTrackableValue));
    }

    [Test]
    public void Total_count_follows_every_kind_of_change()
    {
        var h = new HdrHistogram(1, 1_000_000, 3);
        Assert.That(h.TotalCount, Is.Zero);
        h.RecordValue(5);
        Assert.That(h.TotalCount, Is.EqualTo(1));
        h.RecordValueWithCount(7, 10);
        Assert.That(h.TotalCount, Is.EqualTo(11));
        h.RecordValueWithExpectedInterval(300, 100);
        Assert.That(h.TotalCount, Is.EqualTo(14));
        h.Add(h.Copy());
        Assert.That(h.TotalCount, Is.EqualTo(28));
        h.Add(HdrHistogram.Decode(new HdrHistogram(1, 1000, 2).Encode()));
        Assert.That(h.TotalCount, Is.EqualTo(28));
        Assert.That(HdrHistogram.Decode(h.Encode()).TotalCount, Is.EqualTo(28));
        h.Reset();
        Assert.That(h.TotalCount, Is.Zero);
        h.RecordValue(1);
        Assert.That(h.TotalCount, Is.EqualTo(1));
    }

    [Test]
    public void Record_with_count_adds_that_many()
    {
        var h = new HdrHistogram(1, 3_600_000_000, 3);
        h.RecordValueWithCount(1000, 7);
        h.RecordValueWithCount(3000, 3);
        Assert.That(h.TotalCount, Is.EqualTo(10));
        Assert.That(h.GetCountAtValue(1000), Is.EqualTo(7));
        Assert.That(h.GetValueAtPercentile(70), Is.EqualTo(1000));
        Assert.That(h.GetValueAtPercentile(70.01), Is.EqualTo(3001)); // 3000 shares a 2-wide slot with 3001
    }

    [Test]
    public void Percentile_rounds_the_rank_up_like_java_not_to_nearest_like_the_dotnet_port()
    {
        var h = new HdrHistogram(1, 1000, 3);
        foreach (long v in new long[] { 1, 2, 3, 4 })
            h.RecordValue(v);
        // 30% of 4 values is 1.2: the original takes the 2nd value; HdrHistogram.NET rounds 1.2 to the 1st.
        Assert.That(h.GetValueAtPercentile(30), Is.EqualTo(2));
        Assert.That(h.GetValueAtPercentile(25), Is.EqualTo(1)); // exactly 1.0: the 1 ulp guard keeps rank 1
        Assert.That(h.GetValueAtPercentile(0), Is.EqualTo(1));
        Assert.That(h.GetValueAtPercentile(100), Is.EqualTo(4));
        Assert.That(h.GetValueAtPercentile(150), Is.EqualTo(4));
        Assert.That(new HdrHistogram(1, 1000, 3).GetValueAtPercentile(50), Is.Zero);
    }

    [Test]
    public void Percentile_rank_is_not_pushed_up_by_floating_point_round_off()
    {
        var h = new HdrHistogram(1, 10_000, 3);
        for (long v = 1; v <= 1000; v++)
            h.RecordValue(v);
        // 16.1 * 1000 / 100 is 161.00000000000003 in doubles; the rank is 161, not 162.
        Assert.That(h.GetValueAtPercentile(16.1), Is.EqualTo(161));
        Assert.That(h.GetValueAtPercentile(64.4), Is.EqualTo(644));
    }

    [Test]
    public void Expected_interval_adds_the_samples_coordinated_omission_hid()
    {
        var h = new HdrHistogram(1, 1_000_000, 3);
        for (int i = 0; i < 99; i++)
            h.RecordValueWithExpectedInterval(10, 100);
        // A 1000 stall with samples expected every 100: the 9 requests queued behind it would have
        // seen 900, 800, ..., 100.
        h.RecordValueWithExpectedInterval(1000, 100);

        Assert.That(h.TotalCount, Is.EqualTo(109));
        for (long v = 100; v <= 1000; v += 100)
            Assert.That(h.GetCountAtValue(v), Is.EqualTo(1), $"value {v}");
        Assert.That(h.GetValueAtPercentile(50), Is.EqualTo(10));
        // rank ceil(0.99 * 109) = 108: 99 tens, then 100, 200, ..., the 9th of them is 900.
        Assert.That(h.GetValueAtPercentile(99), Is.EqualTo(900));
        Assert.That(h.GetValueAtPercentile(100), Is.EqualTo(1000));
    }

    [TestCase(250L, 100L, new long[] { 250, 150 })]
    [TestCase(200L, 100L, new long[] { 200, 100 })]
    [TestCase(199L, 100L, new long[] { 199 })]
    [TestCase(100L, 100L, new long[] { 100 })]
    [TestCase(5000L, 0L, new long[] { 5000 })]
    [TestCase(5000L, -3L, new long[] { 5000 })]
    public void Expected_interval_correction_matches_the_java_loop(long value, long interval, long[] expected)
    {
        var h = new HdrHistogram(1, 1_000_000, 3);
        h.RecordValueWithExpectedInterval(value, interval);
        Assert.That(h.TotalCount, Is.EqualTo(expected.Length));
        foreach (long v in expected)
            Assert.That(h.GetCountAtValue(v), Is.EqualTo(1), $"value {v}");
    }

    [Test]
    public void Out_of_range_value_with_expected_interval_is_counted_once_and_not_corrected()
    {
        var h = new HdrHistogram(1, 1000, 3);
        h.RecordValueWithExpectedInterval(10_000_000, 10);
        Assert.That(h.TotalCount, Is.Zero);
        Assert.That(h.OutOfRangeCount, Is.EqualTo(1));
    }

    [Test]
    public void Add_of_the_same_layout_sums_counts_and_widens_timestamps()
    {
        var a = new HdrHistogram(1, 3_600_000_000, 3) { StartTimeStamp = 2000, EndTimeStamp = 3000 };
        var b = new HdrHistogram(1, 3_600_000_000, 3) { StartTimeStamp = 1000, EndTimeStamp = 2500 };
        var both = new HdrHistogram(1, 3_600_000_000, 3);
        var random = new Random(3);
        for (int i = 0; i < 10_000; i++)
        {
            long v = random.NextInt64(0, 10_000_000);
            (i % 3 == 0 ? a : b).RecordValue(v);
            both.RecordValue(v);
        }
        b.RecordValue(-5);

        a.Add(b);

        Assert.That(a.CountsEqual(both), Is.True);
        Assert.That(a.TotalCount, Is.EqualTo(10_000));
        Assert.That(a.OutOfRangeCount, Is.EqualTo(1));
        Assert.That(a.StartTimeStamp, Is.EqualTo(1000));
        Assert.That(a.EndTimeStamp, Is.EqualTo(3000));
    }

    [Test]
    public void Add_of_a_finer_layout_lands_each_value_in_the_coarser_slot()
    {
        var fine = new HdrHistogram(1, 1_000_000_000, 4);
        var coarse = new HdrHistogram(1, 3_600_000_000, 2);
        var expected = new HdrHistogram(1, 3_600_000_000, 2);
        var random = new Random(5);
        for (int i = 0; i < 10_000; i++)
        {
            long v = random.NextInt64(0, 1_000_000_000);
            fine.RecordValue(v);
            expected.RecordValue(v);
        }

        coarse.Add(fine);

        Assert.That(coarse.CountsEqual(expected), Is.True);
    }

    [Test]
    public void Add_of_a_coarser_layout_records_each_slot_at_its_lowest_value()
    {
        var coarse = new HdrHistogram(1, 3_600_000_000, 2);
        var fine = new HdrHistogram(1, 3_600_000_000, 4);
        var expected = new HdrHistogram(1, 3_600_000_000, 4);
        var random = new Random(6);
        for (int i = 0; i < 10_000; i++)
        {
            long v = random.NextInt64(0, 1_000_000_000);
            coarse.RecordValue(v);
            expected.RecordValue(coarse.LowestEquivalentValue(v));
        }

        fine.Add(coarse);

        Assert.That(fine.CountsEqual(expected), Is.True);
    }

    [Test]
    public void Add_refuses_values_beyond_the_range_and_adds_nothing()
    {
        var small = new HdrHistogram(1, 1000, 3);
        var big = new HdrHistogram(1, 1_000_000, 3);
        big.RecordValue(10);
        big.RecordValue(500_000);
        small.RecordValue(1);

        var ex = Assert.Throws<ArgumentException>(() => small.Add(big));
        Assert.That(ex!.Message, Does.Contain("500223"));
        Assert.That(small.TotalCount, Is.EqualTo(1));
    }

    [Test]
    public void Reset_clears_counts_statistics_tallies_and_timestamps()
    {
        var h = new HdrHistogram(1, 1_000_000, 3) { StartTimeStamp = 1, EndTimeStamp = 2, Tag = "x" };
        for (int i = 0; i < 1000; i++)
            h.RecordValue(i * 7);
        h.RecordValue(-1);

        h.Reset();

        Assert.That(h.TotalCount, Is.Zero);
        Assert.That(h.OutOfRangeCount, Is.Zero);
        Assert.That(h.MaxValue, Is.Zero);
        Assert.That(h.Mean, Is.Zero);
        Assert.That(h.GetValueAtPercentile(99), Is.Zero);
        Assert.That(h.CountsEqual(new HdrHistogram(1, 1_000_000, 3)), Is.True);
        Assert.That(h.StartTimeStamp, Is.EqualTo(long.MaxValue));
        Assert.That(h.EndTimeStamp, Is.Zero);
        Assert.That(h.Tag, Is.Null);
    }

    [Test]
    public void Copy_is_equal_and_independent()
    {
        var h = new HdrHistogram(1000, 3_600_000_000_000, 3) { StartTimeStamp = 5, EndTimeStamp = 9, Tag = "feed" };
        for (int i = 0; i < 1000; i++)
            h.RecordValue(i * 12_345L);
        h.RecordValue(-1);

        var copy = h.Copy();

        Assert.That(copy.CountsEqual(h), Is.True);
        Assert.That((copy.StartTimeStamp, copy.EndTimeStamp, copy.Tag, copy.OutOfRangeCount), Is.EqualTo((5L, 9L, "feed", 1L)));
        copy.RecordValue(42);
        Assert.That(copy.CountsEqual(h), Is.False);
        Assert.That(h.TotalCount, Is.EqualTo(1000));
    }

    [Test]
    public void Counts_equality_compares_values_across_ranges()
    {
        var a = new HdrHistogram(1, 1000, 3);
        var b = new HdrHistogram(1, 1_000_000, 3);
        a.RecordValue(10);
        b.RecordValue(10);
        Assert.That(a.CountsEqual(b), Is.True);
        b.RecordValue(11);
        a.RecordValue(12);
        Assert.That(a.CountsEqual(b), Is.False);
        Assert.That(a.CountsEqual(new HdrHistogram(1, 1000, 2)), Is.False);
    }

    [Test]
    public void Small_exact_data_has_exact_mean_and_deviation()
    {
        var h = new HdrHistogram(1, 1000, 3);
        h.RecordValue(1);
        h.RecordValue(2);
        h.RecordValue(3);
        Assert.That(h.Mean, Is.EqualTo(2.0));
        Assert.That(h.StdDeviation, Is.EqualTo(Math.Sqrt(2.0 / 3.0)));
        Assert.That(h.MinValue, Is.EqualTo(1));
        Assert.That(h.MaxValue, Is.EqualTo(3));
        Assert.That(h.GetPercentileAtOrBelowValue(2), Is.EqualTo(200.0 / 3));
    }

    [Test]
    public void Mean_takes_each_value_at_the_middle_of_its_slot()
    {
        var h = new HdrHistogram(1, 3_600_000_000, 3);
        h.RecordValue(123_456); // slot [123456, 123519]: middle 123456 + 64/2
        Assert.That(h.Mean, Is.EqualTo(123_488.0));
        Assert.That(h.StdDeviation, Is.Zero);
    }

    [Test]
    public void Recording_allocates_nothing_after_warm_up()
    {
        var h = new HdrHistogram(1, 3_600_000_000_000, 3);
        long[] values = new long[4096];
        var random = new Random(1);
        for (int i = 0; i < values.Length; i++)
            values[i] = i % 97 == 0 ? -1 : random.NextInt64(0, 10_000_000_000);
        for (int round = 0; round < 3; round++)
            RecordAll(h, values);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 100; round++)
            RecordAll(h, values);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
        Assert.That(h.TotalCount + h.OutOfRangeCount, Is.EqualTo(103L * values.Length * 3));
    }

    private static void RecordAll(HdrHistogram h, long[] values)
    {
        foreach (long v in values)
        {
            h.RecordValue(v);
            h.RecordValueWithCount(v, 1);
            h.RecordValueWithExpectedInterval(v, 0);
        }
    }
}
