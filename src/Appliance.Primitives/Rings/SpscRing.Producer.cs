using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Appliance.Primitives.Rings;

// The producer's half: only ever called from the one producer thread.
public sealed unsafe partial class SpscRing<T>
{
    /// <summary>
    /// Claims the next slot for writing through <c>this[sequence]</c>, then <see cref="Publish"/>.
    /// False when the ring is full; the failure is counted in <see cref="FullCount"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryClaim(out long sequence)
    {
        long claimed = _cursors.Claimed;
        if (claimed - _cursors.CachedConsumed >= _capacity && !HasRoomAfterRefresh(claimed))
        {
            sequence = -1;
            return false;
        }

        _cursors.Claimed = claimed + 1;
        sequence = claimed;
        return true;
    }

    // Takes and returns values, not the caller's out parameter, so the fast path keeps the sequence in a register.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool HasRoomAfterRefresh(long claimed)
    {
        if (claimed - RefreshConsumed() < _capacity)
        {
            return true;
        }

        CountFull();
        return false;
    }

    /// <summary>
    /// Claims up to <paramref name="max"/> consecutive slots (they may straddle the end of the array;
    /// index each with <c>this[first + i]</c>) and returns how many; 0 when the ring is full, counted in
    /// <see cref="FullCount"/>. Publish them all at once with <c>Publish(first + count - 1)</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int TryClaimBatch(int max, out long first)
    {
        if (max <= 0)
        {
            RingThrowHelper.ThrowBadBatchSize(max);
        }

        long claimed = _cursors.Claimed;
        long want = Math.Min(max, _capacity);
        long free = _capacity - (claimed - _cursors.CachedConsumed);
        if (free < want)
        {
            // Look at the consumer only when the cached view cannot grant the whole batch.
            free = _capacity - (claimed - RefreshConsumed());
            if (free == 0)
            {
                CountFull();
                first = -1;
                return 0;
            }
        }

        int count = (int)Math.Min(free, want);
        _cursors.Claimed = claimed + count;
        first = claimed;
        return count;
    }

    /// <summary>
    /// Makes every claimed slot up to and including <paramref name="sequence"/> visible to the consumer.
    /// Slots must be fully written before this call; the consumer may read them the moment it returns.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long sequence)
    {
        Debug.Assert(sequence < _cursors.Claimed, "publishing a slot that was never claimed");
        Debug.Assert(sequence + 1 >= _cursors.Published, "publishing backwards would hide slots the consumer may be reading");

        // Stamp each slot with a release store: its item writes above cannot be reordered after the stamp,
        // and the consumer, polling the stamp, reads the item only after seeing it.
        for (long s = _cursors.Published; s <= sequence; s++)
        {
            Volatile.Write(ref _slots[s & _mask].Published, s + 1);
        }

        // For Count and monitors only: the consumer never reads it on its fast path.
        Volatile.Write(ref _cursors.Published, sequence + 1);

        // Every 64th sequence, measure the backlog exactly: one read of the consumer's line per 64 items.
        if ((sequence & 63) == 63)
        {
            SampleDepth(sequence + 1);
        }
        if (_dataSignal.IsArmed)
        {
            _dataSignal.Notify();
        }
    }

    /// <summary>Copies <paramref name="item"/> into the next slot and publishes it; false (and counted) when full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryWrite(in T item)
    {
        if (!TryClaim(out long sequence))
        {
            return false;
        }

        _slots[sequence & _mask].Item = item;
        Publish(sequence);
        return true;
    }

    /// <summary>
    /// Waits with <paramref name="wait"/> until at least one slot is free or the timeout passes; true if
    /// there is room. Not a claim, so not counted in <see cref="FullCount"/>: pair it with a failed
    /// <see cref="TryClaimBatch"/>, which was.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool WaitForSpace<TWait>(ref TWait wait, TimeSpan timeout) where TWait : struct, IWaitStrategy
    {
        WaitDeadline.Validate(timeout);
        if (_cursors.Claimed - _cursors.CachedConsumed < _capacity)
        {
            return true;
        }

        return WaitForSpaceSlow(ref wait, WaitDeadline.From(timeout), countFull: false);
    }

    /// <summary>
    /// Claims the next slot, waiting with <paramref name="wait"/> up to <paramref name="timeout"/> for room.
    /// A claim that found the ring full counts once in <see cref="FullCount"/>, however long it waited.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryClaim<TWait>(ref TWait wait, TimeSpan timeout, out long sequence) where TWait : struct, IWaitStrategy
    {
        WaitDeadline.Validate(timeout);
        long claimed = _cursors.Claimed;
        if (claimed - _cursors.CachedConsumed >= _capacity
            && !WaitForSpaceSlow(ref wait, WaitDeadline.From(timeout), countFull: true))
        {
            sequence = -1;
            return false;
        }

        _cursors.Claimed = claimed + 1;
        sequence = claimed;
        return true;
    }

    /// <summary>Claims the next slot, waiting with <paramref name="wait"/> for as long as the ring stays full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Claim<TWait>(ref TWait wait) where TWait : struct, IWaitStrategy
    {
        TryClaim(ref wait, Timeout.InfiniteTimeSpan, out long sequence);
        return sequence;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool WaitForSpaceSlow<TWait>(ref TWait wait, long deadline, bool countFull) where TWait : struct, IWaitStrategy
    {
        long claimed = _cursors.Claimed;
        if (claimed - RefreshConsumed() < _capacity)
        {
            return true;
        }

        if (countFull)
        {
            CountFull();
        }

        while (!WaitDeadline.Passed(deadline))
        {
            wait.Idle(_spaceSignal, deadline);
            if (claimed - RefreshConsumed() < _capacity)
            {
                wait.Reset(_spaceSignal);
                return true;
            }
        }

        wait.Reset(_spaceSignal);
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long RefreshConsumed()
    {
        // Acquire: pairs with the consumer's release in Release/Advance, so its reads of the slots are
        // done before we overwrite them.
        long consumed = Volatile.Read(ref _cursors.Consumed);
        _cursors.CachedConsumed = consumed;
        return consumed;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CountFull()
    {
        Volatile.Write(ref _cursors.FullCount, _cursors.FullCount + 1);
        Volatile.Write(ref _cursors.HighWater, _capacity);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SampleDepth(long published)
    {
        long depth = published - RefreshConsumed();
        if (depth > _cursors.HighWater)
        {
            Volatile.Write(ref _cursors.HighWater, depth);
        }
    }
}
