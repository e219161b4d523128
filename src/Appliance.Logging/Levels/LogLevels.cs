using Appliance.Primitives.Time;
using Microsoft.Extensions.Logging;

namespace Appliance.Logging.Levels;

/// <summary>
/// Per-category levels, changeable while running, plus timed bursts ("Feed at Debug for 60 s, then back").
/// A rule names a category or a dotted prefix ("Feed" covers "Feed" and "Feed.Binance"); the longest match
/// wins, an active burst beats a rule. Changes recompute each logger's level, which its calls read with one
/// load: no restart, no cost on the hot path. Cold path: locked.
/// </summary>
public sealed class LogLevels
{
    private readonly Lock _lock = new();
    private readonly LogSystem _system;
    private readonly Dictionary<string, LogLevel> _rules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BurstRule> _bursts = new(StringComparer.Ordinal);
    private LogLevel _default;
    private long _nextExpiry = long.MaxValue;

    private readonly record struct BurstRule(LogLevel Level, long UntilTicks);

    internal LogLevels(LogSystem system, LogLevel defaultLevel, IReadOnlyDictionary<string, LogLevel>? rules)
    {
        _system = system;
        _default = defaultLevel;
        if (rules is null) return;
        foreach ((string category, LogLevel level) in rules)
        {
            if (category is "" or "*" or "Default") _default = level;
            else _rules[category] = level;
        }
    }

    /// <summary>The level categories without a rule get.</summary>
    public LogLevel Default
    {
        get { lock (_lock) return _default; }
        set
        {
            lock (_lock)
            {
                _default = value;
                ApplyLocked();
            }
        }
    }

    /// <summary>Sets the level of a category or dotted prefix.</summary>
    public void Set(string category, LogLevel level)
    {
        ArgumentException.ThrowIfNullOrEmpty(category);
        lock (_lock)
        {
            _rules[category] = level;
            ApplyLocked();
        }
    }

    /// <summary>Removes a rule (and any burst) for a category or prefix; it falls back to a shorter match or the default.</summary>
    public bool Reset(string category)
    {
        lock (_lock)
        {
            bool removed = _rules.Remove(category) | _bursts.Remove(category);
            ApplyLocked();
            return removed;
        }
    }

    /// <summary>Sets a category or prefix to <paramref name="level"/> for <paramref name="duration"/>, then back.</summary>
    public void Burst(string category, LogLevel level, TimeSpan duration)
    {
        ArgumentException.ThrowIfNullOrEmpty(category);
        if (duration <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(duration), duration, "A burst needs a positive duration.");
        long until = MonoClock.Now() + MonoClock.FromNanoseconds((long)(duration.TotalMilliseconds * 1_000_000));
        lock (_lock)
        {
            _bursts[category] = new BurstRule(level, until);
            ApplyLocked();
        }
        _system.WakeWriter();
    }

    /// <summary>The level a category logs at now.</summary>
    public LogLevel Effective(string category)
    {
        lock (_lock) return EffectiveLocked(category, MonoClock.Now());
    }

    /// <summary>Rules and active bursts (with seconds left), for the admin socket and status.</summary>
    public IReadOnlyList<(string Category, LogLevel Level, double? BurstSecondsLeft)> Snapshot()
    {
        long now = MonoClock.Now();
        var list = new List<(string, LogLevel, double?)>();
        lock (_lock)
        {
            foreach ((string c, LogLevel l) in _rules) list.Add((c, l, null));
            foreach ((string c, BurstRule b) in _bursts)
                if (b.UntilTicks > now) list.Add((c, b.Level, MonoClock.ElapsedNanoseconds(now, b.UntilTicks) / 1e9));
        }
        list.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return list;
    }

    /// <summary>Writer thread, every pass: one compare unless a burst has just expired.</summary>
    internal void ExpireBursts(long now)
    {
        if (now < Volatile.Read(ref _nextExpiry)) return;
        lock (_lock) ApplyLocked();
    }

    private void ApplyLocked()
    {
        long now = MonoClock.Now();
        long next = long.MaxValue;
        List<string>? expired = null;
        foreach ((string c, BurstRule b) in _bursts)
        {
            if (b.UntilTicks <= now) (expired ??= new()).Add(c);
            else next = Math.Min(next, b.UntilTicks);
        }
        if (expired is not null)
            foreach (string c in expired) _bursts.Remove(c);
        Volatile.Write(ref _nextExpiry, next);
        foreach (Logger logger in _system.Loggers)
            logger.MinLevel = (int)EffectiveLocked(logger.Category, now);
    }

    private LogLevel EffectiveLocked(string category, long now)
    {
        if (Longest(_bursts, category) is { } burst && burst.UntilTicks > now) return burst.Level;
        return Longest(_rules, category) is { } level ? level : _default;
    }

    private static TValue? Longest<TValue>(Dictionary<string, TValue> map, string category) where TValue : struct
    {
        if (map.Count == 0) return null;
        string key = category;
        while (true)
        {
            if (map.TryGetValue(key, out TValue value)) return value;
            int dot = key.LastIndexOf('.');
            if (dot <= 0) return null;
            key = key[..dot];
        }
    }
}
