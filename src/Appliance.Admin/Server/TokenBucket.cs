using System.Diagnostics;

namespace Appliance.Admin.Server;

/// <summary>A connection's request allowance: <c>burst</c> requests at once, refilled at <c>rate</c> per second. One thread only.</summary>
internal sealed class TokenBucket
{
    private readonly double _ratePerTick;
    private readonly double _capacity;
    private double _tokens;
    private long _last;

    public TokenBucket(double ratePerSecond, int burst, long now)
    {
        _ratePerTick = ratePerSecond / Stopwatch.Frequency;
        _capacity = burst;
        _tokens = burst;
        _last = now;
    }

    /// <summary>Takes one token if there is one; <paramref name="now"/> is a <see cref="Stopwatch.GetTimestamp"/> reading.</summary>
    public bool TryTake(long now)
    {
        if (now > _last)
        {
            _tokens = Math.Min(_capacity, _tokens + (now - _last) * _ratePerTick);
            _last = now;
        }
        if (_tokens < 1) return false;
        _tokens -= 1;
        return true;
    }
}
