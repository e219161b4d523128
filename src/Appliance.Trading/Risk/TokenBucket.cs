using System.Runtime.CompilerServices;

namespace Appliance.Trading.Risk;

/// <summary>
/// Allocation-free token bucket on a caller-supplied clock (event time on the strategy thread, so replay
/// rate-limits identically; the monotonic clock in the gateway). Integer arithmetic only: a token is 10^12
/// units and the refill is rate × 1000 units per nanosecond, exact for rates with up to three decimals.
/// Starts full. Time going backwards refills nothing. Mutable struct: keep it in a field, never copy it.
/// </summary>
public struct TokenBucket
{
    private const long Token = 1_000_000_000_000L;

    private readonly long _capacity;
    private readonly long _refillPerNs;
    private readonly long _fillTimeNs;
    private long _tokens;
    private long _lastNs;
    private bool _started;

    /// <param name="ratePerSecond">Sustained rate; at most three decimals count.</param>
    /// <param name="burst">Capacity in tokens (at least 1).</param>
    public TokenBucket(decimal ratePerSecond, int burst)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        _refillPerNs = Math.Max(1, (long)decimal.Round(ratePerSecond * 1000m));
        _capacity = burst * Token;
        _fillTimeNs = _capacity / _refillPerNs + 1;
        _tokens = _capacity;
    }

    public readonly int Burst => (int)(_capacity / Token);

    /// <summary>Whole tokens available as of the last call.</summary>
    public readonly long Available => _tokens / Token;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryTake(long nowNs)
    {
        Refill(nowNs);
        if (_tokens < Token) return false;
        _tokens -= Token;
        return true;
    }

    /// <summary>Nanoseconds from <paramref name="nowNs"/> until a token is available (0 if one is).</summary>
    public long WaitNs(long nowNs)
    {
        Refill(nowNs);
        return _tokens >= Token ? 0 : (Token - _tokens + _refillPerNs - 1) / _refillPerNs;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Refill(long nowNs)
    {
        if (!_started)
        {
            _started = true;
            _lastNs = nowNs;
            return;
        }
        long elapsed = nowNs - _lastNs;
        if (elapsed <= 0) return;
        _lastNs = nowNs;
        // Past the fill time the bucket is full; below it elapsed × rate cannot overflow.
        _tokens = elapsed >= _fillTimeNs ? _capacity : Math.Min(_capacity, _tokens + elapsed * _refillPerNs);
    }
}
