using System.Diagnostics;
using Appliance.Primitives.Rings;

namespace Appliance.Primitives.Tests.Rings;

/// <summary>A real producer thread and a real consumer thread: order, contents and checksums survive.</summary>
public class SpscRingTwoThreadTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(30);

    [Test]
    public void Two_threads_pass_100_million_events_in_batches_in_order_with_matching_checksums()
    {
        const long Total = 100_000_000;
        var ring = new SpscRing<TestEvent>(1024);
        long producerSum = 0;
        long consumerSum = 0;
        long consumed = 0;
        var clock = Stopwatch.StartNew();

        TwoThreads.Run(
            producer: () =>
            {
                var wait = new SpinThenYieldWait();
                long next = 0;
                int batch = 1;
                while (next < Total)
                {
                    int count = ring.TryClaimBatch((int)Math.Min(batch, Total - next), out long first);
                    if (count == 0)
                    {
                        if (!ring.WaitForSpace(ref wait, StallLimit))
                        {
                            throw new TimeoutException($"no space for {StallLimit} at sequence {next}");
                        }

                        continue;
                    }

                    if (first != next)
                    {
                        throw new InvalidOperationException($"claimed {first}, expected {next}");
                    }

                    for (int i = 0; i < count; i++)
                    {
                        ref TestEvent e = ref ring[first + i];
                        e.Fill(first + i);
                        producerSum += e.Value;
                    }

                    ring.Publish(first + count - 1);
                    next += count;
                    // Cycle the batch size so batches start and end at every offset of the ring.
                    batch = batch == 64 ? 1 : batch + 1;
                }
            },
            consumer: () =>
            {
                var wait = new SpinThenYieldWait();
                long expected = 0;
                int max = 1;
                while (expected < Total)
                {
                    int count = ring.TryReadBatch(out long first, max);
                    if (count == 0)
                    {
                        if (!ring.WaitForData(ref wait, StallLimit))
                        {
                            throw new TimeoutException($"no data for {StallLimit} at sequence {expected}");
                        }

                        continue;
                    }

                    for (int i = 0; i < count; i++)
                    {
                        ref TestEvent e = ref ring[first + i];
                        if (!e.Is(expected))
                        {
                            throw new InvalidOperationException(
                                $"at {expected} read sequence {e.Sequence} value {e.Value} check {e.Check}: out of order or torn");
                        }

                        consumerSum += e.Value;
                        expected++;
                    }

                    ring.Advance(count);
                    max = max == 97 ? 1 : max + 1;
                }

                consumed = expected;
            },
            Patience);

        TestContext.Out.WriteLine(
            $"{Total:N0} events in {clock.Elapsed.TotalSeconds:F2} s; full {ring.FullCount:N0} times, high-water {ring.HighWaterMark}");
        Assert.That(consumed, Is.EqualTo(Total));
        Assert.That(consumerSum, Is.EqualTo(producerSum));
        Assert.That(ring.Count, Is.Zero);
    }

    [Test]
    public void Two_threads_pass_events_one_by_one_through_a_tiny_ring_over_many_laps()
    {
        const long Total = 2_000_000;
        var ring = new SpscRing<TestEvent>(16);
        long producerSum = 0;
        long consumerSum = 0;
        long consumed = 0;

        TwoThreads.Run(
            producer: () =>
            {
                var wait = new SpinThenYieldWait();
                for (long n = 0; n < Total; n++)
                {
                    long seq = ring.Claim(ref wait);
                    ref TestEvent e = ref ring[seq];
                    e.Fill(n);
                    producerSum += e.Value;
                    ring.Publish(seq);
                }
            },
            consumer: () =>
            {
                var wait = new SpinThenYieldWait();
                long expected = 0;
                while (expected < Total)
                {
                    if (!ring.TryPeek(out long seq))
                    {
                        if (!ring.WaitForData(ref wait, StallLimit))
                        {
                            throw new TimeoutException($"no data for {StallLimit} at sequence {expected}");
                        }

                        continue;
                    }

                    ref TestEvent e = ref ring[seq];
                    if (seq != expected || !e.Is(expected))
                    {
                        throw new InvalidOperationException($"slot {seq} held {e.Sequence}, expected {expected}");
                    }

                    consumerSum += e.Value;
                    ring.Release(seq);
                    expected++;
                }

                consumed = expected;
            },
            Patience);

        Assert.That(consumed, Is.EqualTo(Total));
        Assert.That(consumerSum, Is.EqualTo(producerSum));
    }
}
