using System.Diagnostics;
using Appliance.Primitives.Rings;

namespace Appliance.Primitives.Tests.Rings;

/// <summary>Waiting on an empty or full ring: timeouts hold, sleepers are woken by the other side.</summary>
public class WaitStrategyTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public void Blocking_wait_on_an_empty_ring_returns_false_after_the_timeout()
    {
        var ring = new SpscRing<long>(8);
        var wait = new BlockingWait();
        var clock = Stopwatch.StartNew();

        bool gotData = ring.WaitForData(ref wait, TimeSpan.FromMilliseconds(100));

        Assert.That(gotData, Is.False);
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(100)));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        Assert.That(ring.DataSignal.IsArmed, Is.False, "a consumer that gave up no longer asks to be woken");
    }

    [Test]
    public void Spinning_waits_on_an_empty_ring_return_false_after_the_timeout()
    {
        var ring = new SpscRing<long>(8);
        var busy = new BusySpinWait();
        var yielding = new SpinThenYieldWait(spins: 10, yields: 10);

        var clock = Stopwatch.StartNew();
        Assert.That(ring.WaitForData(ref busy, TimeSpan.FromMilliseconds(20)), Is.False);
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(20)));

        clock.Restart();
        Assert.That(ring.WaitForData(ref yielding, TimeSpan.FromMilliseconds(20)), Is.False);
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(20)));
    }

    [Test]
    public void Zero_timeout_checks_once_and_returns()
    {
        var ring = new SpscRing<long>(8);
        var wait = new BlockingWait(TimeSpan.FromSeconds(10));
        var clock = Stopwatch.StartNew();

        Assert.That(ring.WaitForData(ref wait, TimeSpan.Zero), Is.False);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "did not sleep a 10 s slice");

        ring.TryWrite(42);
        Assert.That(ring.WaitForData(ref wait, TimeSpan.Zero), Is.True);
    }

    [Test]
    public void Blocked_consumer_is_woken_by_the_publish_not_by_its_sleep_slice()
    {
        var ring = new SpscRing<long>(8);
        bool gotData = false;
        long value = 0;
        TimeSpan wokeAfter = default;
        long publishedAt = 0;

        TwoThreads.Run(
            producer: () =>
            {
                WaitUntil(() => ring.DataSignal.IsArmed, "consumer parked");
                publishedAt = Stopwatch.GetTimestamp();
                ring.TryWrite(7);
            },
            consumer: () =>
            {
                // A 10 s slice: if the publish did not wake us we would sleep far past the assertion below.
                var wait = new BlockingWait(TimeSpan.FromSeconds(10));
                gotData = ring.WaitForData(ref wait, TimeSpan.FromSeconds(25));
                wokeAfter = Stopwatch.GetElapsedTime(Volatile.Read(ref publishedAt));
                ring.TryRead(out value);
            },
            Patience);

        Assert.That(gotData, Is.True);
        Assert.That(value, Is.EqualTo(7));
        Assert.That(wokeAfter, Is.LessThan(TimeSpan.FromSeconds(5)));
        Assert.That(ring.DataSignal.IsArmed, Is.False);
    }

    [Test]
    public void Blocked_producer_is_woken_when_the_consumer_frees_a_slot()
    {
        var ring = new SpscRing<long>(2);
        ring.TryWrite(1);
        ring.TryWrite(2);
        bool claimed = false;
        long sequence = -1;

        TwoThreads.Run(
            producer: () =>
            {
                var wait = new BlockingWait(TimeSpan.FromSeconds(10));
                claimed = ring.TryClaim(ref wait, TimeSpan.FromSeconds(25), out sequence);
                if (claimed)
                {
                    ring[sequence] = 3;
                    ring.Publish(sequence);
                }
            },
            consumer: () =>
            {
                WaitUntil(() => ring.SpaceSignal.IsArmed, "producer parked");
                ring.TryRead(out _);
            },
            Patience);

        Assert.That(claimed, Is.True);
        Assert.That(sequence, Is.EqualTo(2));
        Assert.That(ring.FullCount, Is.EqualTo(1), "one waiting claim counts once");
        Assert.That(ring.TryRead(out long second), Is.True);
        Assert.That(second, Is.EqualTo(2));
        Assert.That(ring.TryRead(out long third), Is.True);
        Assert.That(third, Is.EqualTo(3));
    }

    [Test]
    public void Waits_on_a_full_ring_time_out_and_only_the_claim_counts()
    {
        var ring = new SpscRing<long>(2);
        ring.TryWrite(1);
        ring.TryWrite(2);
        var wait = new BlockingWait();

        var clock = Stopwatch.StartNew();
        Assert.That(ring.WaitForSpace(ref wait, TimeSpan.FromMilliseconds(50)), Is.False);
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(50)));
        Assert.That(ring.FullCount, Is.Zero, "waiting for space is not a claim");

        Assert.That(ring.TryClaim(ref wait, TimeSpan.FromMilliseconds(10), out long seq), Is.False);
        Assert.That(seq, Is.EqualTo(-1));
        Assert.That(ring.FullCount, Is.EqualTo(1));
        Assert.That(ring.SpaceSignal.IsArmed, Is.False);
    }

    [Test]
    public void Wait_returns_at_once_when_the_condition_already_holds()
    {
        var ring = new SpscRing<long>(2);
        var wait = new BlockingWait(TimeSpan.FromSeconds(10));
        var clock = Stopwatch.StartNew();

        Assert.That(ring.WaitForSpace(ref wait, Timeout.InfiniteTimeSpan), Is.True);
        ring.TryWrite(1);
        Assert.That(ring.WaitForData(ref wait, Timeout.InfiniteTimeSpan), Is.True);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        Assert.That(ring.FullCount, Is.Zero);
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(20_000)]
    public void Blocking_wait_refuses_a_sleep_slice_outside_1_ms_to_10_s(int milliseconds)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new BlockingWait(TimeSpan.FromMilliseconds(milliseconds)))!;
        Assert.That(ex.Message, Does.Contain("between 1 ms and 10 s"));
    }

    [Test]
    public void Default_blocking_wait_uses_the_default_slice()
    {
        Assert.That(default(BlockingWait).MaxSleep, Is.EqualTo(BlockingWait.DefaultMaxSleep));
        Assert.That(new BlockingWait(TimeSpan.FromMilliseconds(250)).MaxSleep, Is.EqualTo(TimeSpan.FromMilliseconds(250)));
    }

    [Test]
    public void Spin_then_yield_refuses_negative_counts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new SpinThenYieldWait(-1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new SpinThenYieldWait(0, -1));
    }

    private static void WaitUntil(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        var spinner = default(SpinWait);
        while (!condition())
        {
            if (clock.Elapsed > Patience)
            {
                throw new TimeoutException($"gave up waiting for: {what}");
            }

            spinner.SpinOnce();
        }
    }
}
