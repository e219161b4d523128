using Appliance.Primitives.Time;

namespace Appliance.Primitives.Rings;

/// <summary>
/// Sleeps on the ring's <see cref="WaitSignal"/> until the other side publishes (or releases), for cold
/// threads (log and journal writers, admin) that must not burn a core while idle. The hot side pays one
/// L1 load per publish while nobody sleeps and one wake-up (a futex call) per sleep.
/// </summary>
/// <remarks>
/// Sleeps in slices of at most <see cref="DefaultMaxSleep"/> (or the configured maximum) and re-checks,
/// which bounds the cost of the rare wake-up missed by design (see <see cref="WaitSignal"/>).
/// <c>default(BlockingWait)</c> uses the default slice.
/// </remarks>
public readonly struct BlockingWait : IWaitStrategy
{
    private const int DefaultMaxSleepMilliseconds = 1;

    public static TimeSpan DefaultMaxSleep => TimeSpan.FromMilliseconds(DefaultMaxSleepMilliseconds);

    private readonly int _maxSleepMilliseconds; // 0 means the default, so default(BlockingWait) is usable

    public BlockingWait(TimeSpan maxSleep)
    {
        if (maxSleep < TimeSpan.FromMilliseconds(1) || maxSleep > TimeSpan.FromSeconds(10))
        {
            throw new ArgumentOutOfRangeException(nameof(maxSleep), maxSleep,
                "BlockingWait: the sleep slice bounds how late a missed wake-up is noticed; it must be between 1 ms and 10 s.");
        }

        _maxSleepMilliseconds = (int)Math.Ceiling(maxSleep.TotalMilliseconds);
    }

    public TimeSpan MaxSleep => TimeSpan.FromMilliseconds(SliceMilliseconds);

    private int SliceMilliseconds => _maxSleepMilliseconds == 0 ? DefaultMaxSleepMilliseconds : _maxSleepMilliseconds;

    public void Idle(WaitSignal signal, long deadline)
    {
        if (!signal.IsArmed)
        {
            // Announce first and let the ring re-check: data published before the flag became visible
            // is seen by the re-check, data published after it comes with a wake-up.
            signal.Arm();
            return;
        }

        int slice = SliceMilliseconds;
        if (deadline != long.MaxValue)
        {
            long remainingNanos = MonoClock.ToNanoseconds(deadline - MonoClock.Now());
            if (remainingNanos <= 0)
            {
                return;
            }

            // Round up so a sub-millisecond remainder still sleeps instead of spinning until the deadline.
            long remainingMillis = (remainingNanos + 999_999) / 1_000_000;
            slice = (int)Math.Min(slice, remainingMillis);
        }

        // Woken: the waker disarmed the flag. Timed out: the flag stays up and the next Idle sleeps again
        // after the ring's re-check, without re-arming.
        signal.Wait(slice);
    }

    public void Reset(WaitSignal signal)
    {
        if (signal.IsArmed)
        {
            signal.Disarm();
        }
    }
}
