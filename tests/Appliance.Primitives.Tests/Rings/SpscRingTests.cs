using System.Runtime.CompilerServices;
using Appliance.Primitives.Rings;

namespace Appliance.Primitives.Tests.Rings;

/// <summary>The ring's contract on one thread: edges, wrap-around, batches, validation.</summary>
public class SpscRingTests
{
    [Test]
    public void Empty_ring_has_nothing_to_read()
    {
        var ring = new SpscRing<TestEvent>(8);

        Assert.That(ring.TryPeek(out _), Is.False);
        Assert.That(ring.TryRead(out _), Is.False);
        Assert.That(ring.TryReadBatch(out _, 4), Is.Zero);
        Assert.That(ring.Count, Is.Zero);
        Assert.That(ring.Capacity, Is.EqualTo(8));
    }

    [Test]
    public void Claimed_slot_is_invisible_until_published()
    {
        var ring = new SpscRing<TestEvent>(8);

        Assert.That(ring.TryClaim(out long seq), Is.True);
        ring[seq].Fill(seq);
        Assert.That(ring.TryPeek(out _), Is.False, "claimed but not published");
        Assert.That(ring.Count, Is.Zero);

        ring.Publish(seq);
        Assert.That(ring.TryPeek(out long read), Is.True);
        Assert.That(read, Is.EqualTo(seq));
        Assert.That(ring[read].Is(seq), Is.True);
        Assert.That(ring.TryPeek(out long again), Is.True);
        Assert.That(again, Is.EqualTo(read), "peek without release returns the same slot");
    }

    [Test]
    public void TryClaim_fails_exactly_at_capacity_and_every_failure_is_counted()
    {
        var ring = new SpscRing<TestEvent>(8);
        for (long i = 0; i < 8; i++)
        {
            Assert.That(ring.TryClaim(out long seq), Is.True, $"claim {i}");
            Assert.That(seq, Is.EqualTo(i));
            ring[seq].Fill(seq);
            ring.Publish(seq);
        }

        Assert.That(ring.FullCount, Is.Zero);
        Assert.That(ring.Count, Is.EqualTo(8));

        Assert.That(ring.TryClaim(out long refused), Is.False);
        Assert.That(refused, Is.EqualTo(-1));
        Assert.That(ring.FullCount, Is.EqualTo(1));
        Assert.That(ring.TryClaim(out _), Is.False);
        Assert.That(ring.FullCount, Is.EqualTo(2));
        Assert.That(ring.TryClaimBatch(4, out _), Is.Zero);
        Assert.That(ring.FullCount, Is.EqualTo(3));
        Assert.That(ring.TryWrite(default), Is.False);
        Assert.That(ring.FullCount, Is.EqualTo(4));

        // One slot back: exactly one claim succeeds, without counting.
        Assert.That(ring.TryRead(out TestEvent first), Is.True);
        Assert.That(first.Is(0), Is.True);
        Assert.That(ring.TryClaim(out long next), Is.True);
        Assert.That(next, Is.EqualTo(8));
        ring[next].Fill(next);
        ring.Publish(next);
        Assert.That(ring.FullCount, Is.EqualTo(4));
        Assert.That(ring.TryClaim(out _), Is.False);
        Assert.That(ring.FullCount, Is.EqualTo(5));

        // Everything comes out, in order, then the ring is empty again.
        for (long expected = 1; expected <= 8; expected++)
        {
            Assert.That(ring.TryRead(out TestEvent e), Is.True);
            Assert.That(e.Is(expected), Is.True, $"event {expected}");
        }

        Assert.That(ring.TryRead(out _), Is.False);
        Assert.That(ring.HighWaterMark, Is.EqualTo(8), "the producer found the ring full");
    }

    [Test]
    public void Capacity_one_ring_alternates_full_and_empty()
    {
        var ring = new SpscRing<long>(1);
        for (long i = 0; i < 100; i++)
        {
            Assert.That(ring.TryWrite(i), Is.True);
            Assert.That(ring.TryWrite(-1), Is.False);
            Assert.That(ring.TryRead(out long v), Is.True);
            Assert.That(v, Is.EqualTo(i));
            Assert.That(ring.TryRead(out _), Is.False);
        }

        Assert.That(ring.FullCount, Is.EqualTo(100));
    }

    [Test]
    public void Small_ring_wraps_over_many_laps_keeping_order_and_contents()
    {
        var ring = new SpscRing<TestEvent>(4);
        long written = 0;
        long read = 0;

        // Vary the fill level each round so every slot is written at every depth and wraps at every offset.
        for (int round = 0; round < 10_000; round++)
        {
            int toWrite = 1 + round % 4;
            for (int i = 0; i < toWrite; i++)
            {
                Assert.That(ring.TryClaim(out long seq), Is.True);
                Assert.That(seq, Is.EqualTo(written));
                ring[seq].Fill(seq);
                ring.Publish(seq);
                written++;
            }

            int toRead = round % 3 == 0 ? toWrite : ring.Count;
            for (int i = 0; i < toRead; i++)
            {
                Assert.That(ring.TryPeek(out long seq), Is.True);
                if (!ring[seq].Is(read))
                {
                    Assert.Fail($"round {round}: slot for sequence {seq} holds {ring[seq].Sequence}, expected {read}");
                }

                ring.Release(seq);
                read++;
            }
        }

        Assert.That(written, Is.GreaterThan(4 * 5_000), "many laps of a 4-slot ring");
        Assert.That(read, Is.EqualTo(written));
        Assert.That(ring.Count, Is.Zero);
        Assert.That(ring.FullCount, Is.Zero);
    }

    [Test]
    public unsafe void Sequences_a_lap_apart_share_a_slot()
    {
        var ring = new SpscRing<TestEvent>(4);
        ring.TryClaim(out long one);
        ring.TryClaim(out long two);
        void* slotOfOne = Unsafe.AsPointer(ref ring[one]);
        void* slotOfTwo = Unsafe.AsPointer(ref ring[two]);
        ring.Publish(two);
        Assert.That(ring.TryReadBatch(out _, 2), Is.EqualTo(2));
        ring.Advance(2);

        ring.TryClaimBatch(4, out long from);
        Assert.That(from, Is.EqualTo(2));
        Assert.That((long)Unsafe.AsPointer(ref ring[one + 4]), Is.EqualTo((long)slotOfOne));
        Assert.That((long)Unsafe.AsPointer(ref ring[two + 4]), Is.EqualTo((long)slotOfTwo));
        Assert.That((long)slotOfTwo - (long)slotOfOne, Is.EqualTo(sizeof(TestEvent) + sizeof(long)), "item plus its publication stamp");
    }

    [Test]
    public unsafe void Slots_start_on_a_128_byte_boundary()
    {
        var ring = new SpscRing<TestEvent>(4);
        ring.TryClaim(out long seq);
        Assert.That((long)Unsafe.AsPointer(ref ring[seq]) % 128, Is.Zero);
    }

    [Test]
    public void Batch_claim_and_batch_read_straddle_the_wrap_point()
    {
        var ring = new SpscRing<TestEvent>(8);
        for (long i = 0; i < 6; i++)
        {
            Assert.That(ring.TryWrite(default), Is.True);
            Assert.That(ring.TryRead(out _), Is.True);
        }

        // Slots 6, 7, 0, 1, 2.
        int claimed = ring.TryClaimBatch(5, out long first);
        Assert.That(claimed, Is.EqualTo(5));
        Assert.That(first, Is.EqualTo(6));
        for (int i = 0; i < claimed; i++)
        {
            ring[first + i].Fill(first + i);
        }

        Assert.That(ring.TryPeek(out _), Is.False, "nothing is visible before the batch is published");
        ring.Publish(first + claimed - 1);
        Assert.That(ring.Count, Is.EqualTo(5));

        int got = ring.TryReadBatch(out long from, 8);
        Assert.That(got, Is.EqualTo(5));
        Assert.That(from, Is.EqualTo(6));
        for (int i = 0; i < got; i++)
        {
            Assert.That(ring[from + i].Is(6 + i), Is.True, $"item {i} of the batch");
        }

        ring.Advance(got);
        Assert.That(ring.Count, Is.Zero);
        Assert.That(ring.TryReadBatch(out _, 8), Is.Zero);
    }

    [Test]
    public void Batch_claim_is_limited_by_free_space_and_batch_read_by_max()
    {
        var ring = new SpscRing<TestEvent>(8);
        Assert.That(ring.TryClaimBatch(3, out long first), Is.EqualTo(3));
        ring.Publish(first + 2);

        Assert.That(ring.TryClaimBatch(100, out long second), Is.EqualTo(5), "only five slots are free");
        Assert.That(second, Is.EqualTo(3));
        ring.Publish(second + 4);
        Assert.That(ring.FullCount, Is.Zero, "a partial batch is not a refusal");

        Assert.That(ring.TryReadBatch(out long a, 3), Is.EqualTo(3));
        Assert.That(a, Is.EqualTo(0));
        ring.Advance(3);
        Assert.That(ring.TryReadBatch(out long b, 100), Is.EqualTo(5));
        Assert.That(b, Is.EqualTo(3));
        ring.Advance(2);
        Assert.That(ring.Count, Is.EqualTo(3), "a batch can be released in parts");
        Assert.That(ring.TryClaimBatch(8, out _), Is.EqualTo(5));
    }

    [Test]
    public void Release_hands_back_everything_up_to_the_sequence()
    {
        var ring = new SpscRing<long>(8);
        for (long i = 0; i < 6; i++)
        {
            ring.TryWrite(i);
        }

        Assert.That(ring.TryReadBatch(out long first, 4), Is.EqualTo(4));
        ring.Release(first + 3);
        Assert.That(ring.Count, Is.EqualTo(2));
        Assert.That(ring.TryRead(out long v), Is.True);
        Assert.That(v, Is.EqualTo(4));
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(3)]
    [TestCase(1000)]
    [TestCase(int.MaxValue)]
    [TestCase(int.MinValue)]
    public void Capacity_that_is_not_a_positive_power_of_two_is_refused(int capacity)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new SpscRing<TestEvent>(capacity, "feed-1 to strategy"))!;
        Assert.That(ex.ParamName, Is.EqualTo("capacity"));
        Assert.That(ex.Message, Does.Contain("feed-1 to strategy").And.Contain("power of two").And.Contain(capacity.ToString()));
    }

    [Test]
    public void Refusal_suggests_the_next_power_of_two()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new SpscRing<TestEvent>(1000))!;
        Assert.That(ex.Message, Does.Contain("1024").And.Contain("SpscRing<TestEvent>"));
    }

    [Test]
    public void Capacity_whose_bytes_do_not_fit_one_array_is_refused()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new SpscRing<TestEvent>(SpscRing<TestEvent>.MaxCapacity))!;
        Assert.That(ex.Message, Does.Contain("40 bytes"), "32-byte item plus its 8-byte publication stamp");
    }

    [Test]
    public void Batch_of_nothing_and_negative_timeouts_are_refused()
    {
        var ring = new SpscRing<long>(8);
        var wait = new BusySpinWait();

        Assert.Throws<ArgumentOutOfRangeException>(() => ring.TryClaimBatch(0, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.TryReadBatch(out _, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.WaitForData(ref wait, TimeSpan.FromMilliseconds(-5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.WaitForSpace(ref wait, TimeSpan.FromMilliseconds(-5)));
    }

    [Test]
    public void High_water_mark_is_the_backlog_measured_every_64th_publish()
    {
        var ring = new SpscRing<long>(256);
        for (long i = 0; i < 63; i++)
        {
            ring.TryWrite(i);
        }

        Assert.That(ring.HighWaterMark, Is.Zero, "not sampled yet");
        ring.TryRead(out _);
        ring.TryWrite(63);
        Assert.That(ring.HighWaterMark, Is.EqualTo(63), "64 published, 1 released");

        while (ring.TryRead(out _))
        {
        }

        for (long i = 64; i < 128; i++)
        {
            ring.TryWrite(i);
            ring.TryRead(out _);
        }

        Assert.That(ring.HighWaterMark, Is.EqualTo(63), "a shallower backlog later does not lower it");
    }
}
