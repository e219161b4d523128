using System.Diagnostics;

namespace Appliance.Admin.Server;

/// <summary>
/// At most one log line per interval for one kind of event, so a flood of refused clients cannot flood the
/// log; the next line says how many were not logged.
/// </summary>
internal sealed class LogThrottle(TimeSpan interval)
{
    private readonly Lock _lock = new();
    private readonly long _intervalTicks = (long)(interval.TotalSeconds * Stopwatch.Frequency);
    private long _nextAllowed = long.MinValue;
    private long _suppressed;

    /// <summary>True when this event may be logged; <paramref name="suppressed"/> is how many were not since the last one.</summary>
    public bool TryEnter(out long suppressed)
    {
        long now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            if (now < _nextAllowed)
            {
                _suppressed++;
                suppressed = 0;
                return false;
            }
            _nextAllowed = now + _intervalTicks;
            suppressed = _suppressed;
            _suppressed = 0;
            return true;
        }
    }
}
