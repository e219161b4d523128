using System.ComponentModel;
using System.Runtime.CompilerServices;
using Appliance.Logging.Buffers;
using Appliance.Logging.Handlers.Levels;
using Appliance.Logging.Templates;

namespace Appliance.Logging.Handlers;

/// <summary>
/// Captures an interpolated log message on the calling thread without formatting it: the level is tested
/// first (nothing else runs when it is off), then each argument's bytes are copied behind a tag into the
/// thread's ring. Literal parts are not copied: they belong to the call site's template, registered on the
/// site's first call. The writer thread formats later. Never allocates after a site's first call, never
/// throws, never blocks: except, bounded, for a thread that opted into waiting for room, and for Error,
/// Critical and trade records, which wait up to <see cref="LogOptions.CriticalWait"/> for durability.
/// </summary>
[InterpolatedStringHandler]
[EditorBrowsable(EditorBrowsableState.Never)]
public unsafe ref partial struct LogHandler<TLevel> where TLevel : struct, ILogLevel
{
    private const int Dropped = 1;
    private const int Truncated = 2;

    private byte* _pos;
    private byte* _end;      // the fast-path limit; null sends every append to the slow path
    private byte* _limit;    // the real limit (ring room, record size cap)
    private byte* _start;    // null when the level is off or the record was refused at the start
    private ProducerBuffer? _producer;
    private TemplateBuilder? _learn;
    private int _template;
    private int _state;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public LogHandler(int literalLength, int formattedCount, Logger logger, out bool enabled,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        this = default;
        if ((int)TLevel.Level < logger.MinLevel)
        {
            enabled = false;
            return;
        }
        enabled = Begin(logger, file, CallSiteTable.KeyOf(line, literalLength, formattedCount), line);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Begin(Logger logger, string file, long key, int line)
    {
        nuint self = (nuint)Unsafe.AsPointer(ref this);
        ProducerBuffer? producer = ProducerBuffer.For(logger.System, self);
        byte* limit = null;
        byte* start = producer is null ? null : producer.Begin(out limit);
        if (start == null)
        {
            logger.System.CountDrop(logger.CategoryId, (int)TLevel.Level);
            return false;
        }
        producer!.OpenHandler = self;

        var header = (RecordHeader*)start;
        header->Timestamp = LogClock.Now();
        header->CategoryId = logger.CategoryId;
        header->Level = (byte)TLevel.Level;
        header->Flags = TLevel.IsTrade ? RecordFlags.Trade : RecordFlags.None;

        _producer = producer;
        _start = start;
        _pos = start + RecordHeader.Size;
        _limit = limit;
        int template = CallSiteTable.Find(file, key);
        if (template >= 0)
        {
            _template = template;
            _end = limit;
        }
        else
        {
            Learn(file, line, key);
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Learn(string file, int line, long key)
    {
        _learn = new TemplateBuilder(file, line, key);
        _end = null;
    }

    /// <summary>Literal parts are the template's; only a site's first call records them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendLiteral(string value)
    {
        if (_learn is not null) LearnLiteral(value);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void LearnLiteral(string value) => _learn!.AddLiteral(value);

    /// <summary>
    /// Slow path of every append: records the hole on a site's first call, re-reads the ring's room, and
    /// marks the record dropped (ring full) or truncated (over the record size cap) when the bytes do not fit.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool Reserve(int size, string? format, int alignment)
    {
        _learn?.AddHole(format, alignment);
        if (_start == null || _state != 0) return false;
        if (_pos + size <= _limit) return true;
        if (_producer!.ExtendLimit(_start, ref _limit, _pos + size - _start))
        {
            if (_learn is null) _end = _limit;
            return true;
        }
        _state = _producer.IsOverRecordLimit(_pos + size - _start) ? Truncated : Dropped;
        _end = null;
        return false;
    }

    /// <summary>
    /// Like <see cref="Reserve"/> for a variable-length argument (strings): returns how many of
    /// <paramref name="units"/> units of <paramref name="unitSize"/> bytes fit after a fixed part
    /// (at least one unit or zero when nothing fits), truncating instead of dropping at the size cap.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int ReserveVariable(int fixedSize, int unitSize, int units, string? format, int alignment)
    {
        if (Reserve(fixedSize + unitSize * units, format, alignment)) return units;
        if (_state != Truncated) return -1;
        // Over the size cap: keep what fits of this argument; later ones are skipped.
        _producer!.ExtendLimit(_start, ref _limit, 0);
        long room = _limit - _pos - fixedSize;
        if (room < unitSize) return -1;
        return (int)(room / unitSize);
    }

    /// <summary>Publishes the record (the level method calls this after the holes were evaluated).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Commit()
    {
        byte* start = _start;
        if (start == null) return;
        if (_end == null)
        {
            CommitSlow();
            return;
        }
        var header = (RecordHeader*)start;
        int used = (int)(_pos - start);
        header->TemplateId = _template;
        header->Used = (ushort)used;
        header->Length = (used + 7) & ~7;
        long end = _producer!.Publish(header->Length);
        if (TLevel.WaitsForDurability) _producer.WaitDurable(end);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CommitSlow()
    {
        var header = (RecordHeader*)_start;
        ProducerBuffer producer = _producer!;
        if (_learn is not null) _template = CallSiteTable.Register(_learn);
        if (_state == Dropped)
        {
            producer.OpenHandler = 0;
            producer.System.CountDrop(header->CategoryId, header->Level);
            return;
        }
        if (_state == Truncated)
        {
            header->Flags |= RecordFlags.Truncated;
            producer.System.CountTruncated();
        }
        int used = (int)(_pos - _start);
        header->TemplateId = _template;
        header->Used = (ushort)used;
        header->Length = (used + 7) & ~7;
        long end = producer.Publish(header->Length);
        if (TLevel.WaitsForDurability) producer.WaitDurable(end);
    }
}
