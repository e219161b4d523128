using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Appliance.Primitives.Histograms;

/// <summary>
/// Records values from exactly one writer thread while any other thread collects interval histograms.
/// The writer never waits and executes no interlocked instruction: each record is two plain stores of
/// its own epoch counter around the histogram update. The reader swaps the active histogram and waits,
/// on its side only, until the writer has left the one it swapped out.
/// </summary>
/// <remarks>
/// <para>
/// Why no fence on the writer is still safe: the writer's "enter" store (odd epoch) and its following
/// load of the active histogram can be reordered by the CPU (store buffer; x86 allows store-load
/// reordering), so by themselves they would let the reader miss a writer that is about to use the old
/// histogram. The reader closes that window with <see cref="Interlocked.MemoryBarrierProcessWide"/>
/// (membarrier on Linux) between publishing the new histogram and reading the epoch: every core is
/// serialised, so either the writer's enter store is visible to the reader, or the writer's load comes
/// after the barrier and sees the new histogram. The writer pays nothing; the reader pays a few
/// microseconds per swap. The compiler side of the same order: RyuJIT (JIT and NativeAOT) keeps
/// volatile accesses in program order relative to each other, although the written .NET memory model
/// would let a volatile store pass a later volatile load; on ARM64 the stlr/ldar pair is ordered by the
/// hardware as well. Do not turn these Volatile calls into plain accesses.
/// </para>
/// <para>
/// Calling a record method from two threads at once corrupts counts. Collecting from several threads is
/// fine (collectors serialise on a lock among themselves, never with the writer).
/// </para>
/// </remarks>
public sealed class IntervalRecorder
{
    private WriterEpoch _writer;
    private HdrHistogram _active;
    private HdrHistogram _inactive;
    private readonly Lock _collectorLock = new();
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a recorder whose histograms have the given layout (see <see cref="HdrHistogram"/>).</summary>
    /// <param name="timeProvider">Stamps interval start/end (milliseconds since the Unix epoch); the system clock by default.</param>
    public IntervalRecorder(long lowestDiscernibleValue, long highestTrackableValue, int numberOfSignificantValueDigits, TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        _active = new HdrHistogram(lowestDiscernibleValue, highestTrackableValue, numberOfSignificantValueDigits);
        _inactive = new HdrHistogram(lowestDiscernibleValue, highestTrackableValue, numberOfSignificantValueDigits);
        _active.StartTimeStamp = NowMilliseconds();
    }

    /// <summary>Records one value. Writer thread only; never waits, never allocates, never throws.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RecordValue(long value)
    {
        long epoch = _writer.Value;
        Volatile.Write(ref _writer.Value, epoch + 1); // odd: inside a histogram
        Volatile.Read(ref _active).RecordValue(value);
        Volatile.Write(ref _writer.Value, epoch + 2); // even, and a release: the counts are visible first
    }

    /// <summary>Records <paramref name="count"/> occurrences of a value. Writer thread only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RecordValueWithCount(long value, long count)
    {
        long epoch = _writer.Value;
        Volatile.Write(ref _writer.Value, epoch + 1);
        Volatile.Read(ref _active).RecordValueWithCount(value, count);
        Volatile.Write(ref _writer.Value, epoch + 2);
    }

    /// <summary>Records a value with coordinated-omission correction (see <see cref="HdrHistogram.RecordValueWithExpectedInterval"/>). Writer thread only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RecordValueWithExpectedInterval(long value, long expectedIntervalBetweenValueSamples)
    {
        long epoch = _writer.Value;
        Volatile.Write(ref _writer.Value, epoch + 1);
        Volatile.Read(ref _active).RecordValueWithExpectedInterval(value, expectedIntervalBetweenValueSamples);
        Volatile.Write(ref _writer.Value, epoch + 2);
    }

    /// <summary>
    /// Everything recorded since the previous call (or construction), with StartTimeStamp/EndTimeStamp set.
    /// Pass <paramref name="into"/> to reuse a histogram (its contents are replaced; nothing is allocated
    /// when its layout matches the recorder's); otherwise a new histogram is returned.
    /// </summary>
    public HdrHistogram GetIntervalHistogram(HdrHistogram? into = null)
    {
        // Checked before the swap, so a wrong target cannot lose an interval.
        if (into is not null && into.HighestRecordableValue < _inactive.HighestRecordableValue)
            throw new ArgumentException(
                $"The target histogram records up to {into.HighestRecordableValue}; this recorder's go up to {_inactive.HighestRecordableValue}.",
                nameof(into));
        lock (_collectorLock)
        {
            HdrHistogram interval = SwapAndWaitForWriter();
            try
            {
                if (into is null)
                    return interval.Copy();
                interval.CopyInto(into);
                return into;
            }
            finally
            {
                interval.Reset();
                _inactive = interval;
            }
        }
    }

    /// <summary>Discards everything recorded so far; the next interval starts now.</summary>
    public void Reset()
    {
        lock (_collectorLock)
        {
            HdrHistogram interval = SwapAndWaitForWriter();
            interval.Reset();
            _inactive = interval;
        }
    }

    // Publishes the inactive (clean) histogram as active and returns the old active one once the writer
    // can no longer touch it. Caller holds _collectorLock.
    private HdrHistogram SwapAndWaitForWriter()
    {
        long now = NowMilliseconds();
        HdrHistogram old = _active;
        HdrHistogram fresh = _inactive;
        fresh.StartTimeStamp = now;
        Volatile.Write(ref _active, fresh);

        Interlocked.MemoryBarrierProcessWide();

        long epoch = Volatile.Read(ref _writer.Value);
        if ((epoch & 1) != 0)
        {
            // The writer is inside a record that may have loaded the old histogram: wait for that one
            // record to finish. Any record it starts later loads the new histogram.
            var spinner = new SpinWait();
            while (Volatile.Read(ref _writer.Value) == epoch)
                spinner.SpinOnce();
        }
        old.EndTimeStamp = now;
        return old;
    }

    private long NowMilliseconds() => _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    // The writer's epoch alone on its cache lines (128 bytes either side beats adjacent-line prefetch):
    // it is stored twice per record and must not share a line with anything the reader writes.
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct WriterEpoch
    {
        [FieldOffset(128)] public long Value;
    }
}
