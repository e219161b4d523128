using Appliance.Primitives.Rings;

namespace Appliance.Primitives.Tests.Rings;

/// <summary>After warm-up the ring allocates nothing, on one thread or across two.</summary>
public class SpscRingAllocationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Test]
    public void Claim_publish_and_read_allocate_nothing_on_one_thread()
    {
        var ring = new SpscRing<TestEvent>(1024);
        var spin = new BusySpinWait();
        var yielding = new SpinThenYieldWait();
        var blocking = new BlockingWait();

        Exercise(ring, 10_000, ref spin, ref yielding, ref blocking);
        long before = GC.GetAllocatedBytesForCurrentThread();
        long sum = Exercise(ring, 1_000_000, ref spin, ref yielding, ref blocking);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(sum, Is.Not.Zero, "the loop really ran");
        Assert.That(allocated, Is.Zero, "bytes allocated by 1M rounds of every ring operation");
    }

    private static long Exercise(SpscRing<TestEvent> ring, int rounds, ref BusySpinWait spin, ref SpinThenYieldWait yielding, ref BlockingWait blocking)
    {
        long sum = 0;
        for (int r = 0; r < rounds; r++)
        {
            ring.TryClaim(out long seq);
            ring[seq].Fill(r);
            ring.Publish(seq);
            ring.WaitForData(ref spin, TimeSpan.Zero);
            ring.TryPeek(out long read);
            sum += ring[read].Value;
            ring.Release(read);

            int claimed = ring.TryClaimBatch(8, out long first);
            for (int i = 0; i < claimed; i++)
            {
                ring[first + i].Fill(r + i);
            }

            ring.Publish(first + claimed - 1);
            int got = ring.TryReadBatch(out long from, 8);
            sum += ring[from + got - 1].Sequence;
            ring.Advance(got);

            TestEvent e = default;
            e.Fill(r);
            ring.TryWrite(e);
            ring.WaitForData(ref yielding, TimeSpan.FromSeconds(1));
            ring.TryRead(out e);
            sum += e.Check;

            long claimedWithWait = ring.Claim(ref blocking);
            ring.Publish(claimedWithWait);
            ring.WaitForData(ref blocking, TimeSpan.FromSeconds(1));
            ring.TryRead(out _);

            // The empty edges and the full-count slow path too.
            ring.TryRead(out _);
            ring.TryReadBatch(out _, 4);
            ring.WaitForData(ref spin, TimeSpan.Zero);
            sum += ring.Count + ring.FullCount + ring.HighWaterMark;
        }

        return sum;
    }

    [Test]
    public void Full_ring_refusals_allocate_nothing()
    {
        var ring = new SpscRing<long>(4);
        var spin = new BusySpinWait();
        while (ring.TryWrite(1))
        {
        }

        Refuse(ring, ref spin, 1_000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Refuse(ring, ref spin, 100_000);

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        Assert.That(ring.FullCount, Is.EqualTo(1 + 2 * 101_000), "claims count, waits for space do not");
    }

    private static void Refuse(SpscRing<long> ring, ref BusySpinWait spin, int rounds)
    {
        for (int i = 0; i < rounds; i++)
        {
            ring.TryClaim(out _);
            ring.TryClaimBatch(2, out _);
            ring.WaitForSpace(ref spin, TimeSpan.Zero);
        }
    }

    [Test]
    public void Producer_and_consumer_threads_allocate_nothing_in_steady_state()
    {
        const long Total = 2_000_000;
        const long WarmUp = 100_000;
        var ring = new SpscRing<TestEvent>(1024);
        long producerBytes = -1;
        long consumerBytes = -1;

        TwoThreads.Run(
            producer: () =>
            {
                var wait = new SpinThenYieldWait();
                long start = 0;
                for (long n = 0; n < Total; n++)
                {
                    if (n == WarmUp)
                    {
                        start = GC.GetAllocatedBytesForCurrentThread();
                    }

                    long seq = ring.Claim(ref wait);
                    ring[seq].Fill(n);
                    ring.Publish(seq);
                }

                producerBytes = GC.GetAllocatedBytesForCurrentThread() - start;
            },
            consumer: () =>
            {
                var wait = new SpinThenYieldWait();
                long start = 0;
                long n = 0;
                while (n < Total)
                {
                    if (!ring.WaitForData(ref wait, Timeout.InfiniteTimeSpan))
                    {
                        continue;
                    }

                    int count = ring.TryReadBatch(out long first, 64);
                    for (int i = 0; i < count; i++)
                    {
                        if (!ring[first + i].Is(n))
                        {
                            throw new InvalidOperationException($"event {n} out of order or torn");
                        }

                        if (++n == WarmUp)
                        {
                            start = GC.GetAllocatedBytesForCurrentThread();
                        }
                    }

                    ring.Advance(count);
                }

                consumerBytes = GC.GetAllocatedBytesForCurrentThread() - start;
            },
            Patience);

        Assert.That(producerBytes, Is.Zero, "producer thread");
        Assert.That(consumerBytes, Is.Zero, "consumer thread");
    }

    [Test]
    public void Waking_a_blocked_consumer_allocates_nothing_on_the_producer()
    {
        const long Total = 200_000;
        const long WarmUp = 10_000;
        const int WakeEvery = 1_000;
        var ring = new SpscRing<TestEvent>(1024);
        long producerBytes = -1;
        int wakeUps = 0;

        TwoThreads.Run(
            producer: () =>
            {
                var wait = new SpinThenYieldWait();
                long start = 0;
                for (long n = 0; n < Total; n++)
                {
                    if (n == WarmUp)
                    {
                        start = GC.GetAllocatedBytesForCurrentThread();
                    }

                    if (n % WakeEvery == 0)
                    {
                        // Let the consumer drain and park, so this publish has to wake it.
                        WaitUntilArmed(ring.DataSignal, TimeSpan.FromSeconds(30));
                        wakeUps++;
                    }

                    long seq = ring.Claim(ref wait);
                    ring[seq].Fill(n);
                    ring.Publish(seq);
                }

                producerBytes = GC.GetAllocatedBytesForCurrentThread() - start;
            },
            consumer: () =>
            {
                var wait = new BlockingWait(TimeSpan.FromSeconds(5));
                long n = 0;
                while (n < Total)
                {
                    if (!ring.WaitForData(ref wait, TimeSpan.FromSeconds(30)))
                    {
                        throw new TimeoutException($"no data for 30 s at event {n}");
                    }

                    while (ring.TryRead(out TestEvent e))
                    {
                        if (!e.Is(n++))
                        {
                            throw new InvalidOperationException($"event {n - 1} out of order or torn");
                        }
                    }
                }
            },
            Patience);

        Assert.That(wakeUps, Is.EqualTo(Total / WakeEvery));
        Assert.That(producerBytes, Is.Zero, "producer thread, including its wake-ups of the consumer");
    }

    private static void WaitUntilArmed(WaitSignal signal, TimeSpan timeout)
    {
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        var spinner = default(SpinWait);
        while (!signal.IsArmed)
        {
            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException("the consumer never parked");
            }

            spinner.SpinOnce();
        }
    }
}
