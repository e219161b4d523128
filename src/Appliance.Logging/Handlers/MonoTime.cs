using Appliance.Primitives.Time;

namespace Appliance.Logging.Handlers;

/// <summary>
/// A <see cref="MonoClock"/> reading to be printed as UTC wall time (same format as the line timestamp):
/// <c>log.Info($"recv={new MonoTime(ev.ReceiveTicks)}")</c>. A bare long prints as a number.
/// </summary>
public readonly record struct MonoTime(long Ticks)
{
    public static MonoTime Now() => new(MonoClock.Now());
}
