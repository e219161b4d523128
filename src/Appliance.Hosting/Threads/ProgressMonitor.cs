using Appliance.Primitives.Time;

namespace Appliance.Hosting.Threads;

/// <summary>
/// Decides whether every hot thread made progress since the last check: the condition for WATCHDOG=1.
/// Called from the housekeeping thread only; readers (health) see the last verdict.
/// </summary>
public sealed class ProgressMonitor
{
    private readonly Lock _lock = new();
    private readonly List<Entry> _entries = new();
    private volatile IReadOnlyList<string> _stalled = [];

    private sealed class Entry(ProgressSource source)
    {
        public ProgressSource Source { get; } = source;
        public long Last = long.MinValue;
        public long LastProgressTicks = MonoClock.Now();
    }

    public void Add(ProgressSource source)
    {
        lock (_lock) _entries.Add(new Entry(source));
    }

    /// <summary>The threads that made no progress at the last check (empty: all did).</summary>
    public IReadOnlyList<string> Stalled => _stalled;

    public int Count
    {
        get { lock (_lock) return _entries.Count; }
    }

    /// <summary>Compares every source with the previous check. True when all progressed and are alive.</summary>
    public bool Check()
    {
        var stalled = new List<string>();
        long now = MonoClock.Now();
        lock (_lock)
        {
            foreach (Entry e in _entries)
            {
                long value = e.Source.Read();
                bool alive = e.Source.Alive();
                if (alive && value != e.Last) e.LastProgressTicks = now;
                else stalled.Add(alive
                    ? $"{e.Source.Name} (no progress for {MonoClock.ElapsedNanoseconds(e.LastProgressTicks, now) / 1e9:0.0} s)"
                    : $"{e.Source.Name} (thread ended)");
                e.Last = value;
            }
        }
        _stalled = stalled;
        return stalled.Count == 0;
    }
}
