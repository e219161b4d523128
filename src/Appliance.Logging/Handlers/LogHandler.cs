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

    // Four fields, and no method that is not inlined ever receives a reference to the handler (slow paths
    // are static and take the fields by value): the JIT keeps the handler in registers and builds it in place.
    // The state a record only has on its slow paths (learning a template, dropped, truncated) lives on the
    // thread's ProducerBuffer, which has at most one open record.
    private byte* _pos;      // where the next argument goes
    private byte* _end;      // how far _pos may grow without asking; null sends every append to the slow path
    private byte* _start;    // the record's header; null when the level is off or the record was refused
    private ProducerBuffer? _producer;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public LogHandler(int literalLength, int formattedCount, Logger logger, out bool enabled,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        _pos = null;
        _end = null;
        _start = null;
        _producer = null;
        enabled = false;
        if ((int)TLevel.Level < logger.MinLevel) return;

        // The caller's 'enabled' flag lives in the caller's frame for the whole statement, like the handler:
        // its address orders this record against an open one (ProducerBuffer.For).
        nuint self = (nuint)Unsafe.AsPointer(ref enabled);
        ProducerBuffer? producer = ProducerBuffer.For(logger.System, self);
        byte* limit = null;
        byte* start = producer is null ? null : producer.Begin(out limit);
        if (start == null)
        {
            logger.System.CountDrop(logger.CategoryId, (int)TLevel.Level);
            return;
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
        long key = CallSiteTable.KeyOf(line, literalLength, formattedCount);
        int template = CallSiteTable.Find(file, key);
        if (template >= 0)
        {
            header->TemplateId = template;
            _end = limit;
        }
        else
        {
            Learn(producer, file, line, key);
        }
        enabled = true;
    }

    /// <summary>A site's first call: its literals and hole formats are recorded as the appends run (all on the slow path).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Learn(ProducerBuffer producer, string file, int line, long key) =>
        producer.Learning = new TemplateBuilder(file, line, key);

    /// <summary>Literal parts are the template's; only a site's first call records them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendLiteral(string value)
    {
        if (_end == null && _producer is not null) LearnLiteral(_producer, value);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LearnLiteral(ProducerBuffer producer, string value) => producer.Learning?.AddLiteral(value);

    /// <summary>
    /// Slow path of every append: records the hole on a site's first call, re-reads the ring's room, and
    /// marks the record dropped (ring full) or truncated (over the record size cap) when the bytes do not fit.
    /// Returns the new fast-path limit (null while learning, so every append comes back here) and whether to write.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Room Reserve(ProducerBuffer? producer, byte* start, byte* pos, long size, string? format, int alignment)
    {
        if (producer is null) return Room.Skip;
        TemplateBuilder? learning = producer.Learning;
        learning?.AddHole(format, alignment);
        if (producer.RecordState != 0) return Room.Skip;
        byte* limit = producer.Limit(start);
        if (pos + size > limit && !producer.ExtendLimit(start, ref limit, pos + size - start))
        {
            producer.RecordState = producer.IsOverRecordLimit(pos + size - start) ? Truncated : Dropped;
            return Room.Skip;
        }
        return new Room(learning is null ? limit : null, 1);
    }

    /// <summary>
    /// Like <see cref="Reserve"/> for a variable-length argument (strings): how many of <paramref name="units"/>
    /// units of <paramref name="unitSize"/> bytes to write after a fixed part (at least one unit, or -1 when
    /// nothing fits), truncating instead of dropping at the size cap.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Room ReserveVariable(ProducerBuffer? producer, byte* start, byte* pos, int fixedSize, int unitSize, int units,
        string? format, int alignment)
    {
        Room room = Reserve(producer, start, pos, fixedSize + (long)unitSize * units, format, alignment);
        if (room.Units >= 0) return new Room(room.End, units);
        if (producer is null || producer.RecordState != Truncated) return Room.Skip;
        // Over the size cap: keep what fits of this argument; later ones are skipped.
        byte* limit = producer.Limit(start);
        producer.ExtendLimit(start, ref limit, 0);
        long left = limit - pos - fixedSize;
        if (left < unitSize) return Room.Skip;
        return new Room(null, (int)(left / unitSize));
    }

    /// <summary>Publishes the record (the level method calls this after the holes were evaluated).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Commit()
    {
        byte* start = _start;
        if (start == null) return;
        if (_end == null)
        {
            CommitSlow(_producer!, start, _pos);
            return;
        }
        var header = (RecordHeader*)start;
        int used = (int)(_pos - start);
        header->Used = (ushort)used;
        header->Length = (used + 7) & ~7;
        long end = _producer!.Publish(header->Length);
        if (TLevel.WaitsForDurability) _producer.WaitDurable(end);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CommitSlow(ProducerBuffer producer, byte* start, byte* pos)
    {
        var header = (RecordHeader*)start;
        TemplateBuilder? learning = producer.Learning;
        int state = producer.RecordState;
        producer.ResetRecordState();
        if (learning is not null) header->TemplateId = CallSiteTable.Register(learning);
        if (state == Dropped)
        {
            producer.OpenHandler = 0;
            producer.System.CountDrop(header->CategoryId, header->Level);
            return;
        }
        if (state == Truncated)
        {
            header->Flags |= RecordFlags.Truncated;
            producer.System.CountTruncated();
        }
        int used = (int)(pos - start);
        header->Used = (ushort)used;
        header->Length = (used + 7) & ~7;
        long end = producer.Publish(header->Length);
        if (TLevel.WaitsForDurability) producer.WaitDurable(end);
    }
}
