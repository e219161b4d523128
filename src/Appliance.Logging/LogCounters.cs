using Microsoft.Extensions.Logging;

namespace Appliance.Logging;

/// <summary>A snapshot of the logging counters (docs/logging.md explains each).</summary>
public sealed class LogCounters
{
    private readonly long[] _droppedByLevel;

    internal LogCounters(long dropped, long[] droppedByLevel, long truncated, long criticalTimeouts,
        long linesWritten, long bytesWritten, long flushes, long sinkErrors, int producers)
    {
        Dropped = dropped;
        _droppedByLevel = droppedByLevel;
        Truncated = truncated;
        CriticalTimeouts = criticalTimeouts;
        LinesWritten = linesWritten;
        BytesWritten = bytesWritten;
        Flushes = flushes;
        SinkErrors = sinkErrors;
        Producers = producers;
    }

    /// <summary>Records refused because the calling thread's ring was full (or a third nested record).</summary>
    public long Dropped { get; }

    /// <summary>Records written with an argument cut at <see cref="LogOptions.MaxRecordBytes"/>.</summary>
    public long Truncated { get; }

    /// <summary>Critical records whose caller stopped waiting for durability after <see cref="LogOptions.CriticalWait"/>.</summary>
    public long CriticalTimeouts { get; }

    /// <summary>Lines formatted (each record counts once, whatever the number of sinks).</summary>
    public long LinesWritten { get; }

    /// <summary>Bytes handed to sinks (all sinks together).</summary>
    public long BytesWritten { get; }

    /// <summary>Times the batches were written out and the durable positions advanced.</summary>
    public long Flushes { get; }

    /// <summary>Sink writes that threw (disk full, closed pipe); the batch is lost for that sink, the writer goes on.</summary>
    public long SinkErrors { get; }

    /// <summary>Rings registered (one per logging thread, plus nested rings).</summary>
    public int Producers { get; }

    public long DroppedAt(LogLevel level) => _droppedByLevel[(int)level];
}
