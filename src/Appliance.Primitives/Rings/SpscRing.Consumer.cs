using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Appliance.Primitives.Rings;

// The consumer's half: only ever called from the one consumer thread.
public sealed unsafe partial class SpscRing<T>
{
    /// <summary>
    /// The next published sequence, to read through <c>this[sequence]</c> and then <see cref="Release"/>;
    /// false when the ring is empty. Peeking again before releasing returns the same sequence.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryPeek(out long sequence)
    {
        long next = _cursors.Consumed;
        if (next < _cursors.CachedPublished)
        {
            sequence = next;
            return true;
        }

        // Inline stamp check of the one slot we want: a spinning consumer polls here, and a call per poll
        // showed in the hop latency. Acquire: pairs with the producer's release in Publish.
        if (Volatile.Read(ref _slots[next & _mask].Published) == next + 1)
        {
            _cursors.CachedPublished = next + 1;
            sequence = next;
            return true;
        }

        sequence = -1;
        return false;
    }

    /// <summary>
    /// How many published items, up to <paramref name="max"/>, are ready from <paramref name="first"/> on
    /// (they may straddle the end of the array; index each with <c>this[first + i]</c>). 0 when empty.
    /// Release them with <see cref="Advance"/> or <see cref="Release"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int TryReadBatch(out long first, int max)
    {
        if (max <= 0)
        {
            RingThrowHelper.ThrowBadBatchSize(max);
        }

        long next = _cursors.Consumed;
        long available = _cursors.CachedPublished - next;
        if (available < max)
        {
            available = RefreshPublished(max) - next;
        }

        first = next;
        return (int)Math.Min(available, max);
    }

    /// <summary>
    /// Hands every slot up to and including <paramref name="sequence"/> back to the producer. The slots
    /// must not be touched after this call: the producer may overwrite them at once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Release(long sequence)
    {
        Debug.Assert(sequence < _cursors.CachedPublished, "releasing a slot that was never published");
        Debug.Assert(sequence + 1 >= _cursors.Consumed, "releasing backwards would hand out slots twice");

        // Release: our reads of the slots complete before the producer can see them as free.
        Volatile.Write(ref _cursors.Consumed, sequence + 1);
        if (_spaceSignal.IsArmed)
        {
            _spaceSignal.Notify();
        }
    }

    /// <summary>Releases the next <paramref name="count"/> items (the batch from <see cref="TryReadBatch"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Advance(int count)
    {
        Debug.Assert(count >= 0, "cannot advance backwards");
        Release(_cursors.Consumed + count - 1);
    }

    /// <summary>Copies the next item out and releases its slot; false when empty. For cold consumers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryRead(out T item)
    {
        if (!TryPeek(out long sequence))
        {
            item = default;
            return false;
        }

        item = _slots[sequence & _mask].Item;
        Release(sequence);
        return true;
    }

    /// <summary>
    /// Waits with <paramref name="wait"/> until at least one item is published or the timeout passes;
    /// true if there is data. <see cref="Timeout.InfiniteTimeSpan"/> waits for ever.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool WaitForData<TWait>(ref TWait wait, TimeSpan timeout) where TWait : struct, IWaitStrategy
    {
        WaitDeadline.Validate(timeout);
        if (_cursors.Consumed < _cursors.CachedPublished)
        {
            return true;
        }

        return WaitForDataSlow(ref wait, WaitDeadline.From(timeout));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool WaitForDataSlow<TWait>(ref TWait wait, long deadline) where TWait : struct, IWaitStrategy
    {
        long next = _cursors.Consumed;
        if (next < RefreshPublished())
        {
            return true;
        }

        while (!WaitDeadline.Passed(deadline))
        {
            wait.Idle(_dataSignal, deadline);
            if (next < RefreshPublished())
            {
                wait.Reset(_dataSignal);
                return true;
            }
        }

        wait.Reset(_dataSignal);
        return false;
    }

    /// <summary>
    /// Extends the consumer's view of what is published by checking slot stamps from the end of that view,
    /// up to <paramref name="max"/> slots ahead; returns the new end. Reads only slots the consumer is about
    /// to read anyway, never the producer's index.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private long RefreshPublished(long max = 1)
    {
        long end = _cursors.CachedPublished;
        long limit = _cursors.Consumed + max;
        // Acquire on each stamp: pairs with the producer's release in Publish, so the item is visible.
        while (end < limit && Volatile.Read(ref _slots[end & _mask].Published) == end + 1)
        {
            end++;
        }

        _cursors.CachedPublished = end;
        return end;
    }
}
