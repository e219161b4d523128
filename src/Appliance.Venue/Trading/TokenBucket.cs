using System.Diagnostics;

namespace Appliance.Venue.Trading;

/// <summary>Requests per second per connection: a bucket of <c>rate</c> tokens refilled continuously (burst = rate).</summary>
internal sealed class TokenBucket(int rate)
{
    private double _tokens = rate;
    private long _last = Stopwatch.GetTimestamp();

    /// <summary>Takes a token; false when the bucket is empty (the request is refused, nothing done).</summary>
    public bool TryTake()
    {
        if (rate <= 0) return true;
        long now = Stopwatch.GetTimestamp();
        _tokens = Math.Min(rate, _tokens + (now - _last) * (double)rate / Stopwatch.Frequency);
        _last = now;
        if (_tokens < 1) return false;
        _tokens -= 1;
        return true;
    }
}
