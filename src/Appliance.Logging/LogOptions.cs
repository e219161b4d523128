using System.Numerics;
using Appliance.Primitives.Threading;
using Microsoft.Extensions.Logging;

namespace Appliance.Logging;

/// <summary>How a <see cref="LogSystem"/> buffers, flushes and waits. Every default is documented in docs/logging.md.</summary>
public sealed class LogOptions
{
    /// <summary>Ring size per logging thread (power of two). A hot thread can ask for more: <see cref="LogSystem.ConfigureCurrentThread"/>.</summary>
    public int BufferBytes { get; init; } = 256 * 1024;

    /// <summary>Ring for records begun while another is open on the same thread (a hole expression that logs).</summary>
    public int NestedBufferBytes { get; init; } = 16 * 1024;

    /// <summary>Largest record (header and captured arguments); longer strings are truncated, not dropped.</summary>
    public int MaxRecordBytes { get; init; } = 8 * 1024;

    /// <summary>Formatted lines held per sink before a write; one write() carries whole lines only.</summary>
    public int BatchBytes { get; init; } = 256 * 1024;

    /// <summary>Longest a record waits in the process before its line is handed to the kernel (what a SIGKILL can lose).</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often an idle writer looks at the rings.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>How long an Error, Critical or trade record waits to be durable (0: no wait).</summary>
    public TimeSpan CriticalWait { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Records younger than this wait for the next pass, so a thread preempted mid-call is not overtaken.</summary>
    public TimeSpan OrderingGrace { get; init; } = TimeSpan.FromMicroseconds(100);

    /// <summary>Whether threads wait for room when their ring is full (default: drop and count). Per thread: <see cref="LogSystem.ConfigureCurrentThread"/>.</summary>
    public bool BlockWhenFull { get; init; }

    /// <summary>Longest a blocking thread waits for room before the record is dropped after all.</summary>
    public TimeSpan BlockTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Level of categories no rule names.</summary>
    public LogLevel DefaultLevel { get; init; } = LogLevel.Information;

    /// <summary>Initial per-category levels: a category name or a dotted prefix ("Feed" covers "Feed.Binance").</summary>
    public IReadOnlyDictionary<string, LogLevel>? Levels { get; init; }

    /// <summary>fsync the files before a critical record counts as durable (power loss, not just a crash).</summary>
    public bool FsyncCritical { get; init; }

    /// <summary>Flush and stop on AppDomain.ProcessExit (SIGTERM, normal exit) when not disposed before.</summary>
    public bool FlushOnProcessExit { get; init; } = true;

    public string WriterThreadName { get; init; } = "log-writer";

    /// <summary>CPUs the writer thread may run on (housekeeping cores); null leaves it to the scheduler.</summary>
    public CpuSet? WriterCpus { get; init; }

    /// <summary>Every problem at once, each naming its option; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (BufferBytes < 4096 || !BitOperations.IsPow2(BufferBytes))
            errors.Add($"{nameof(BufferBytes)} must be a power of two of at least 4096 (was {BufferBytes})");
        if (NestedBufferBytes < 4096 || !BitOperations.IsPow2(NestedBufferBytes))
            errors.Add($"{nameof(NestedBufferBytes)} must be a power of two of at least 4096 (was {NestedBufferBytes})");
        if (MaxRecordBytes < 256 || MaxRecordBytes > 32 * 1024 || MaxRecordBytes % 8 != 0)
            errors.Add($"{nameof(MaxRecordBytes)} must be a multiple of 8 between 256 and 32768 (was {MaxRecordBytes})");
        else if (MaxRecordBytes > BufferBytes / 2 || MaxRecordBytes > NestedBufferBytes / 2)
            errors.Add($"{nameof(MaxRecordBytes)} ({MaxRecordBytes}) must be at most half of {nameof(BufferBytes)} and {nameof(NestedBufferBytes)}");
        if (BatchBytes < Math.Max(64 * 1024, 4 * MaxRecordBytes))
            errors.Add($"{nameof(BatchBytes)} must be at least 64 KiB and 4 x {nameof(MaxRecordBytes)} (was {BatchBytes})");
        if (FlushInterval <= TimeSpan.Zero || FlushInterval > TimeSpan.FromSeconds(10))
            errors.Add($"{nameof(FlushInterval)} must be above 0 and at most 10 s (was {FlushInterval})");
        if (PollInterval <= TimeSpan.Zero || PollInterval > FlushInterval)
            errors.Add($"{nameof(PollInterval)} must be above 0 and at most {nameof(FlushInterval)} (was {PollInterval})");
        if (CriticalWait < TimeSpan.Zero) errors.Add($"{nameof(CriticalWait)} must not be negative (was {CriticalWait})");
        if (OrderingGrace < TimeSpan.Zero || OrderingGrace >= FlushInterval)
            errors.Add($"{nameof(OrderingGrace)} must be between 0 and {nameof(FlushInterval)} (was {OrderingGrace})");
        if (BlockTimeout < TimeSpan.Zero) errors.Add($"{nameof(BlockTimeout)} must not be negative (was {BlockTimeout})");
        if (DefaultLevel is < LogLevel.Trace or > LogLevel.None) errors.Add($"{nameof(DefaultLevel)} is not a level ({DefaultLevel})");
        return errors;
    }
}
