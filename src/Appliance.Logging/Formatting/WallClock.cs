using Appliance.Primitives.Time;

namespace Appliance.Logging.Formatting;

/// <summary>
/// Turns monotonic ticks into UTC wall time with an anchor pair (UTC now, MonoClock now) taken by the writer
/// thread and renewed every second, so a clock step or NTP slew shows up within a second.
/// </summary>
internal sealed class WallClock
{
    private long _anchorUtcTicks;
    private long _anchorMono;
    private long _nextRenewal;
    private readonly bool _fixed;

    public WallClock() => Renew(MonoClock.Now());

    /// <summary>Tests: a clock that maps <paramref name="mono"/> to <paramref name="utc"/> and never renews.</summary>
    public WallClock(DateTime utc, long mono)
    {
        _anchorUtcTicks = utc.Ticks;
        _anchorMono = mono;
        _fixed = true;
    }

    public void RenewIfDue(long now)
    {
        if (!_fixed && now >= _nextRenewal) Renew(now);
    }

    private void Renew(long now)
    {
        _anchorUtcTicks = DateTime.UtcNow.Ticks;
        _anchorMono = MonoClock.Now();
        _nextRenewal = now + MonoClock.Frequency;
    }

    /// <summary>UTC DateTime ticks (100 ns) for a MonoClock reading.</summary>
    public long ToUtcTicks(long mono) => _anchorUtcTicks + MonoClock.ToNanoseconds(mono - _anchorMono) / 100;
}
