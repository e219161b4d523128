using Appliance.Logging.Buffers;
using Appliance.Logging.Levels;
using Appliance.Logging.Sinks;
using Appliance.Logging.Writer;
using Appliance.Primitives.Time;
using Microsoft.Extensions.Logging;

namespace Appliance.Logging;

/// <summary>
/// The logging room's one object: categories and their levels, every thread's ring, the writer thread and
/// the sinks. Create one at start-up, hand out <see cref="Logger"/>s, dispose at shutdown (flushes all).
/// </summary>
public sealed class LogSystem : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Logger> _byName = new(StringComparer.Ordinal);
    private Logger[] _loggers = [];
    private ProducerBuffer[] _producers = [];
    private readonly List<byte[]> _freeMemory = new();
    private readonly LogWriter _writer;
    private readonly EventHandler? _onProcessExit;
    private long _dropped;
    private long _truncated;
    private long _criticalTimeouts;
    private volatile bool _stopped;
    private int _disposed;
    private int _registered;

    public LogSystem(LogOptions options, params LogSink[] sinks)
        : this(options, sinks, clock: null)
    {
    }

    /// <summary>Tests: a pinned wall clock makes MonoTime arguments byte-exact.</summary>
    internal LogSystem(LogOptions options, LogSink[] sinks, Formatting.WallClock? clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sinks);
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException("Invalid log options: " + string.Join("; ", errors), nameof(options));
        if (sinks.Length == 0) throw new ArgumentException("A log system needs at least one sink.", nameof(sinks));

        Options = options;
        CriticalWaitTicks = TicksOf(options.CriticalWait);
        BlockTimeoutTicks = TicksOf(options.BlockTimeout);
        Levels = new LogLevels(this, options.DefaultLevel, options.Levels);
        Internal = GetLogger("Appliance.Logging");
        _writer = new LogWriter(this, sinks, clock);
        _writer.Start();
        if (options.FlushOnProcessExit)
        {
            _onProcessExit = (_, _) => Dispose();
            AppDomain.CurrentDomain.ProcessExit += _onProcessExit;
        }
    }

    public const int MaxCategoryLength = 256;

    public LogOptions Options { get; }

    /// <summary>Per-category levels and bursts, changeable while running.</summary>
    public LogLevels Levels { get; }

    /// <summary>The logging room's own category (drop notices, sink errors).</summary>
    internal Logger Internal { get; }

    internal LogWriter Writer => _writer;
    internal long CriticalWaitTicks { get; }
    internal long BlockTimeoutTicks { get; }
    internal bool IsStopped => _stopped;
    internal Logger[] Loggers => Volatile.Read(ref _loggers);
    internal ProducerBuffer[] Producers => Volatile.Read(ref _producers);

    /// <summary>The logger for a category, created on first request (cold; cache it in a field).</summary>
    public Logger GetLogger(string category)
    {
        ArgumentException.ThrowIfNullOrEmpty(category);
        if (category.Length > MaxCategoryLength)
            throw new ArgumentException($"A category name is at most {MaxCategoryLength} characters (was {category.Length}: '{category[..40]}...').", nameof(category));
        lock (_lock)
        {
            if (_byName.TryGetValue(category, out Logger? existing)) return existing;
            Logger[] loggers = _loggers;
            var logger = new Logger(this, loggers.Length, category, LogLevel.None);
            _byName.Add(category, logger);
            Volatile.Write(ref _loggers, [.. loggers, logger]);
            logger.MinLevel = (int)Levels.Effective(category);
            return logger;
        }
    }

    /// <summary>
    /// For the calling thread: a bigger ring (a hot thread, before it starts logging), blocking when full
    /// (a cold thread that must not lose records), and its critical-record wait (a hot thread may choose 0).
    /// </summary>
    public void ConfigureCurrentThread(int? bufferBytes = null, bool? blockWhenFull = null, TimeSpan? criticalWait = null)
    {
        ProducerBuffer buffer = ProducerBuffer.FindOrRegister(this);
        if (bufferBytes is { } bytes && bytes != buffer.Capacity)
        {
            if (bytes < 2 * Options.MaxRecordBytes || !System.Numerics.BitOperations.IsPow2(bytes))
                throw new ArgumentOutOfRangeException(nameof(bufferBytes), bytes, "A ring must be a power of two of at least twice MaxRecordBytes.");
            ProducerBuffer replacement = RegisterProducer(Thread.CurrentThread, bytes);
            replacement.BlockWhenFull = buffer.BlockWhenFull;
            replacement.CriticalWaitTicks = buffer.CriticalWaitTicks;
            ProducerBuffer.Replace(buffer, replacement);
            buffer.Retired = true;   // drains, then the writer reaps it
            if (buffer.Nested is { } nested) nested.Retired = true;
            buffer = replacement;
        }
        if (blockWhenFull is { } block) buffer.BlockWhenFull = block;
        if (criticalWait is { } wait) buffer.CriticalWaitTicks = TicksOf(wait);
    }

    /// <summary>
    /// Waits until every record logged before the call is written to the sinks (not necessarily fsynced).
    /// False when <paramref name="timeout"/> passes first.
    /// </summary>
    public bool Flush(TimeSpan timeout) => _writer.Flush(timeout);

    /// <summary>A snapshot of the counters (drops, truncations, lines, bytes, sink errors).</summary>
    public LogCounters Counters
    {
        get
        {
            var byLevel = new long[7];
            foreach (Logger logger in Loggers)
                for (int i = 0; i < byLevel.Length; i++) byLevel[i] += Volatile.Read(ref logger.Drops[i]);
            return new LogCounters(
                Volatile.Read(ref _dropped), byLevel, Volatile.Read(ref _truncated), Volatile.Read(ref _criticalTimeouts),
                _writer.LinesWritten, _writer.BytesWritten, _writer.Flushes, _writer.SinkErrors, Producers.Length);
        }
    }

    /// <summary>Records of a category dropped because its thread's ring was full, by level.</summary>
    public long DroppedFor(string category, LogLevel level)
    {
        lock (_lock)
            return _byName.TryGetValue(category, out Logger? logger) ? Volatile.Read(ref logger.Drops[(int)level]) : 0;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        if (_onProcessExit is not null) AppDomain.CurrentDomain.ProcessExit -= _onProcessExit;
        _writer.Stop();
        _stopped = true;
    }

    internal ProducerBuffer RegisterProducer(Thread owner, int capacity)
    {
        lock (_lock)
        {
            int length = capacity + Options.MaxRecordBytes;
            int reuse = _freeMemory.FindIndex(m => m.Length == length);
            byte[] memory;
            if (reuse >= 0)
            {
                memory = _freeMemory[reuse];
                _freeMemory.RemoveAt(reuse);
            }
            else
            {
                memory = GC.AllocateUninitializedArray<byte>(length, pinned: true);
                // Touch every page now, so the hot thread's first lap takes no page faults.
                memory.AsSpan().Clear();
            }
            var buffer = new ProducerBuffer(this, owner, memory, capacity, Options.MaxRecordBytes, ++_registered);
            Volatile.Write(ref _producers, [.. _producers, buffer]);
            return buffer;
        }
    }

    /// <summary>Writer thread: forgets drained rings of dead threads and keeps their memory for the next thread.</summary>
    internal void Reap(List<ProducerBuffer> dead)
    {
        lock (_lock)
        {
            var kept = new List<ProducerBuffer>(_producers.Length);
            foreach (ProducerBuffer p in _producers)
            {
                if (dead.Contains(p)) _freeMemory.Add(p.Memory);
                else kept.Add(p);
            }
            Volatile.Write(ref _producers, kept.ToArray());
        }
    }

    internal void CountDrop(int categoryId, int level)
    {
        Interlocked.Increment(ref Loggers[categoryId].Drops[level]);
        Interlocked.Increment(ref _dropped);
    }

    internal long DroppedTotal => Volatile.Read(ref _dropped);
    internal void CountTruncated() => Interlocked.Increment(ref _truncated);
    internal void CountCriticalTimeout() => Interlocked.Increment(ref _criticalTimeouts);
    internal void WakeWriter() => _writer.Wake();

    internal static long TicksOf(TimeSpan span) => MonoClock.FromNanoseconds(span.Ticks * 100);
}
