using Appliance.Primitives.Histograms;

namespace Appliance.Primitives.Tests.Histograms;

public class IntervalRecorderTests
{
    [Test]
    public void Each_interval_holds_what_was_recorded_since_the_previous_one()
    {
        var clock = new ManualClock(1_000);
        var recorder = new IntervalRecorder(1, 3_600_000_000, 3, clock);
        recorder.RecordValue(10);
        recorder.RecordValueWithCount(20, 4);
        clock.Now = 2_000;

        var first = recorder.GetIntervalHistogram();
        recorder.RecordValueWithExpectedInterval(300, 100); // 300, 200, 100
        clock.Now = 3_500;
        var second = recorder.GetIntervalHistogram();
        var third = recorder.GetIntervalHistogram();

        Assert.That(first.TotalCount, Is.EqualTo(5));
        Assert.That(first.GetCountAtValue(20), Is.EqualTo(4));
        Assert.That((first.StartTimeStamp, first.EndTimeStamp), Is.EqualTo((1_000L, 2_000L)));
        Assert.That(second.TotalCount, Is.EqualTo(3));
        Assert.That(second.GetCountAtValue(10), Is.Zero);
        Assert.That((second.StartTimeStamp, second.EndTimeStamp), Is.EqualTo((2_000L, 3_500L)));
        Assert.That(third.TotalCount, Is.Zero);
    }

    [Test]
    public void A_supplied_histogram_is_reused_and_its_old_contents_replaced()
    {
        var recorder = new IntervalRecorder(1, 3_600_000_000, 3);
        var target = new HdrHistogram(1, 3_600_000_000, 3);
        target.RecordValue(999);
        recorder.RecordValue(5);

        var result = recorder.GetIntervalHistogram(target);

        Assert.That(result, Is.SameAs(target));
        Assert.That(target.TotalCount, Is.EqualTo(1));
        Assert.That(target.GetCountAtValue(5), Is.EqualTo(1));

        // Collecting into a reused histogram allocates nothing once warm.
        for (int i = 0; i < 3; i++)
            recorder.GetIntervalHistogram(target);
        long before = GC.GetAllocatedBytesForCurrentThread();
        recorder.RecordValue(7);
        recorder.GetIntervalHistogram(target);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        Assert.That(target.TotalCount, Is.EqualTo(1));
    }

    [Test]
    public void A_target_too_small_for_the_recorder_is_refused_without_losing_the_interval()
    {
        var recorder = new IntervalRecorder(1, 3_600_000_000, 3);
        recorder.RecordValue(1_000_000);
        Assert.Throws<ArgumentException>(() => recorder.GetIntervalHistogram(new HdrHistogram(1, 1000, 3)));
        Assert.That(recorder.GetIntervalHistogram().TotalCount, Is.EqualTo(1));
    }

    [Test]
    public void Reset_discards_what_was_recorded()
    {
        var recorder = new IntervalRecorder(1, 1000, 2);
        recorder.RecordValue(5);
        recorder.Reset();
        Assert.That(recorder.GetIntervalHistogram().TotalCount, Is.Zero);
    }

    [Test]
    public void Recording_allocates_nothing_after_warm_up()
    {
        var recorder = new IntervalRecorder(1, 3_600_000_000_000, 3);
        for (int i = 0; i < 10_000; i++)
            recorder.RecordValue(i);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000_000; i++)
        {
            recorder.RecordValue(i * 31L);
            recorder.RecordValueWithCount(i, 2);
            recorder.RecordValueWithExpectedInterval(i, 0);
        }
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    [CancelAfter(60_000)]
    public void Concurrent_writer_and_swapping_reader_lose_and_duplicate_nothing()
    {
        const int MinimumSwaps = 400;
        const int MinimumNonEmptyIntervals = 100;
        var recorder = new IntervalRecorder(1, 3_600_000_000_000, 3);
        var reference = new HdrHistogram(1, 3_600_000_000_000, 3);
        long written = 0;
        int stop = 0;

        var writer = new Thread(() =>
        {
            // Deterministic but wide-ranging values; the reference sees exactly what the recorder sees.
            ulong state = 0x9E3779B97F4A7C15;
            long n = 0;
            while (Volatile.Read(ref stop) == 0)
            {
                for (int i = 0; i < 256; i++)
                {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    long value = (long)(state >> (int)(22 + (state & 31))); // < 2^42: all in range
                    recorder.RecordValue(value);
                    reference.RecordValue(value);
                }
                n += 256;
                Volatile.Write(ref written, n);
            }
        }) { IsBackground = true, Name = "histogram writer" };
        writer.Start();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Volatile.Read(ref written) == 0)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "writer thread never started recording");
            Thread.Yield();
        }

        var total = new HdrHistogram(1, 3_600_000_000_000, 3);
        var interval = new HdrHistogram(1, 3_600_000_000_000, 3);
        int swaps = 0;
        int nonEmptyIntervals = 0;
        // Keep swapping until many intervals caught the writer mid-stream (on a busy machine the writer
        // thread is off-CPU for whole stretches, so a fixed number of swaps proves little).
        while ((swaps < MinimumSwaps || nonEmptyIntervals < MinimumNonEmptyIntervals) && DateTime.UtcNow < deadline)
        {
            recorder.GetIntervalHistogram(interval);
            swaps++;
            if (interval.TotalCount > 0)
                nonEmptyIntervals++;
            total.Add(interval);
        }
        Volatile.Write(ref stop, 1);
        Assert.That(writer.Join(TimeSpan.FromSeconds(30)), Is.True, "writer thread did not stop");
        total.Add(recorder.GetIntervalHistogram());

        Assert.That(total.TotalCount, Is.EqualTo(Volatile.Read(ref written)));
        Assert.That(total.CountsEqual(reference), Is.True, "every value in exactly one interval");
        Assert.That(total.OutOfRangeCount, Is.Zero);
        Assert.That(nonEmptyIntervals, Is.GreaterThanOrEqualTo(MinimumNonEmptyIntervals), "the reader swapped while the writer was recording");
    }

    private sealed class ManualClock(long nowMilliseconds) : TimeProvider
    {
        public long Now { get; set; } = nowMilliseconds;

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(Now);
    }
}
