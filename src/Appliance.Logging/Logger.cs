using System.Runtime.CompilerServices;
using Appliance.Logging.Handlers;
using Appliance.Logging.Handlers.Levels;
using Microsoft.Extensions.Logging;

namespace Appliance.Logging;

/// <summary>
/// A category's log calls: <c>log.Info($"fill {orderId} px={price} qty={qty}")</c>. The interpolated string
/// is captured by <see cref="LogHandler{TLevel}"/>: nothing runs when the level is off, nothing is formatted
/// or allocated on the calling thread when it is on. Obtain from <see cref="LogSystem.GetLogger"/>.
/// </summary>
public sealed class Logger
{
    // Written by level changes on any thread, read on every call: volatile so a hot loop re-reads it.
    private volatile int _minLevel;

    internal Logger(LogSystem system, int categoryId, string category, LogLevel level)
    {
        System = system;
        CategoryId = categoryId;
        Category = category;
        _minLevel = (int)level;
    }

    public string Category { get; }

    internal LogSystem System { get; }
    internal int CategoryId { get; }

    /// <summary>Drops per level (index = LogLevel), counted by producers, read by the writer and counters.</summary>
    internal readonly long[] Drops = new long[7];

    /// <summary>Writer-private: drops already reported in the log.</summary>
    internal readonly long[] ReportedDrops = new long[7];

    internal int MinLevel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _minLevel;
        set => _minLevel = value;
    }

    /// <summary>The level this category logs at now (rules, bursts and the default applied).</summary>
    public LogLevel Level => (LogLevel)_minLevel;

    public bool IsEnabled(LogLevel level) => level != LogLevel.None && (int)level >= _minLevel;

    // Inlined so the handler never leaves the caller's frame by reference: the JIT keeps it in registers.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Trace([InterpolatedStringHandlerArgument("")] ref LogHandler<TraceLevel> message) => message.Commit();
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Debug([InterpolatedStringHandlerArgument("")] ref LogHandler<DebugLevel> message) => message.Commit();
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Info([InterpolatedStringHandlerArgument("")] ref LogHandler<InfoLevel> message) => message.Commit();
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Warn([InterpolatedStringHandlerArgument("")] ref LogHandler<WarnLevel> message) => message.Commit();

    /// <summary>Waits (bounded by <see cref="LogOptions.CriticalWait"/>) until the record is durable.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Error([InterpolatedStringHandlerArgument("")] ref LogHandler<ErrorLevel> message) => message.Commit();

    /// <summary>Waits (bounded by <see cref="LogOptions.CriticalWait"/>) until the record is durable.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Critical([InterpolatedStringHandlerArgument("")] ref LogHandler<CriticalLevel> message) => message.Commit();

    /// <summary>An Information record for an entry, exit or fill: waits (bounded) until durable, like Error.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Trade([InterpolatedStringHandlerArgument("")] ref LogHandler<TradeLevel> message) => message.Commit();

    /// <summary>
    /// Cold path: a message already formatted elsewhere (the Microsoft.Extensions.Logging bridge, start-up code).
    /// Copies it as UTF-8; Error and Critical wait for durability like the hot methods.
    /// </summary>
    public void Write(LogLevel level, ReadOnlySpan<char> message)
    {
        if (!IsEnabled(level)) return;
        ColdRecord.Write(this, level, message, waitForDurability: level >= LogLevel.Error);
    }
}
