namespace Appliance.MarketData.Feed;

/// <summary>
/// Exponential backoff with jitter and a cap: after the n-th consecutive failure the next attempt waits
/// <c>min(initial · 2^(n-1), max)</c> scaled by a uniform factor in <c>[1 - jitter, 1 + jitter]</c>, so
/// lines that failed together do not reconnect in lock-step. At most <c>max · (1 + jitter)</c>.
/// </summary>
public sealed class ReconnectBackoff
{
    private readonly int _initialMs;
    private readonly int _maxMs;
    private readonly double _jitter;
    private readonly Random _random;

    public ReconnectBackoff(int initialMs, int maxMs, double jitter, int? seed = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialMs);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMs, initialMs);
        if (!(jitter >= 0 && jitter <= 1)) throw new ArgumentOutOfRangeException(nameof(jitter), jitter, "0 to 1");
        _initialMs = initialMs;
        _maxMs = maxMs;
        _jitter = jitter;
        _random = seed is int s ? new Random(s) : new Random();
    }

    /// <summary>The longest delay <see cref="NextDelayMs"/> can return.</summary>
    public int UpperBoundMs => (int)Math.Ceiling(_maxMs * (1 + _jitter));

    /// <summary>Delay before the next attempt after <paramref name="failures"/> (≥ 1) consecutive failures.</summary>
    public int NextDelayMs(int failures)
    {
        int exponent = Math.Clamp(failures - 1, 0, 30);
        double baseMs = Math.Min((double)_initialMs * (1L << exponent), _maxMs);
        double factor = 1 + _jitter * (2 * _random.NextDouble() - 1);
        return (int)Math.Round(baseMs * factor);
    }
}
