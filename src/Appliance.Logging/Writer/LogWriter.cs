using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Appliance.Logging.Buffers;
using Appliance.Logging.Formatting;
using Appliance.Logging.Sinks;
using Appliance.Logging.Templates;
using Appliance.Primitives.Threading;
using Appliance.Primitives.Time;
using Microsoft.Extensions.Logging;

namespace Appliance.Logging.Writer;

/// <summary>
/// The writer thread: merges every ring in timestamp order, formats each record once, lays out a line per
/// sink into that sink's batch, and writes batches out when full, when their oldest record reaches the
/// flush interval, when a critical record or a Flush() asks, and at shutdown. Never allocates per record.
/// </summary>
internal sealed unsafe partial class LogWriter
{
    private readonly LogSystem _system;
    private readonly SinkBatch[] _batches;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _wake = new(false, spinCount: 0);
    private readonly WallClock _clock;
    private readonly TimestampFormatter _timestamps = new();
    private readonly MessageFormatter _messages;
    private readonly byte[] _message;          // pinned, MessageCapacity + VectorCopy.Slack
    private readonly byte* _messageStart;
    private readonly int _messageCapacity;
    private readonly byte[] _timestamp = GC.AllocateArray<byte>(TimestampFormatter.StoreLength, pinned: true);
    private readonly byte* _timestampStart;
    private readonly List<ProducerBuffer> _dead = new();
    private readonly object _flushLock = new();
    private readonly long _flushAfterTicks;
    private readonly long _graceTicks;
    private readonly int _pollMilliseconds;
    private const int BacklogRecords = 4096;
    private bool _ringFilling;
    private int _categories;
    private volatile bool _stopping;
    private volatile bool _stopped;
    private int _flushRequested;
    private int _flushDone;
    private long _dropsReported;
    private long _nextReap;
    private long _lines;
    private long _bytes;
    private long _flushes;
    private long _sinkErrors;
    private long _internalErrors;
    private readonly int _maxRecord;
    private long _lastErrorReport = long.MinValue / 2;

    public LogWriter(LogSystem system, LogSink[] sinks, WallClock? clock = null)
    {
        _system = system;
        LogOptions options = system.Options;
        _batches = Array.ConvertAll(sinks, s => new SinkBatch(s, options.BatchBytes));
        _messageCapacity = options.BatchBytes / 8;
        _message = GC.AllocateArray<byte>(_messageCapacity + VectorCopy.Slack, pinned: true);
        _messageStart = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_message));
        _timestampStart = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_timestamp));
        _maxRecord = options.MaxRecordBytes;
        _clock = clock ?? new WallClock();
        _messages = new MessageFormatter(_clock);
        long poll = LogSystem.TicksOf(options.PollInterval);
        _flushAfterTicks = Math.Max(0, LogSystem.TicksOf(options.FlushInterval) - 2 * poll);
        _graceTicks = LogSystem.TicksOf(options.OrderingGrace);
        _pollMilliseconds = Math.Max(1, (int)options.PollInterval.TotalMilliseconds);
        _thread = NamedThread.Create(options.WriterThreadName, Run);
    }

    public long LinesWritten => Volatile.Read(ref _lines);
    public long BytesWritten => Volatile.Read(ref _bytes);
    public long Flushes => Volatile.Read(ref _flushes);
    public long SinkErrors => Volatile.Read(ref _sinkErrors);

    /// <summary>Bytes the writer thread has allocated, sampled each pass (tests prove steady state is zero).</summary>
    internal long AllocatedBytes;

    /// <summary>Tests: pins the wall clock so timestamps are byte-exact.</summary>
    internal WallClock Clock => _clock;

    public void Start() => _thread.Start();

    public void Wake() => _wake.Set();

    public bool Flush(TimeSpan timeout)
    {
        if (_stopped) return true;
        if (Thread.CurrentThread == _thread) return false;
        int ticket = Interlocked.Increment(ref _flushRequested);
        _wake.Set();
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        lock (_flushLock)
        {
            while (Volatile.Read(ref _flushDone) - ticket < 0)
            {
                if (_stopped) return true;
                long left = deadline - Environment.TickCount64;
                if (left <= 0 || !Monitor.Wait(_flushLock, (int)Math.Min(left, 100)) && Environment.TickCount64 >= deadline)
                    return Volatile.Read(ref _flushDone) - ticket >= 0;
            }
        }
        return true;
    }

    /// <summary>Drains every ring, writes, disposes the sinks. Records logged during the last 2 s of a busy shutdown may stay behind.</summary>
    public void Stop()
    {
        _stopping = true;
        _wake.Set();
        if (Thread.CurrentThread != _thread) _thread.Join(TimeSpan.FromSeconds(10));
        _stopped = true;
        lock (_flushLock) Monitor.PulseAll(_flushLock);
    }

    private void Run()
    {
        if (_system.Options.WriterCpus is { } cpus)
        {
            OsResult pinned = CpuAffinity.PinCurrentThread(cpus);
            if (!pinned.Ok) _system.Internal.Write(LogLevel.Warning, $"writer thread not pinned to CPUs {cpus}: {pinned}");
        }
        long stopDeadline = long.MaxValue;
        while (true)
        {
            bool stopping = _stopping;
            int ticket = Volatile.Read(ref _flushRequested);
            long now = LogClock.Now();
            if (stopping && stopDeadline == long.MaxValue) stopDeadline = now + 2 * MonoClock.Frequency;
            bool urgent = stopping || ticket != _flushDone || DurabilityWanted();

            int drained = Drain(urgent ? long.MaxValue : now - _graceTicks);
            Housekeeping(now);
            if (urgent || FlushDue(now)) FlushAll(toDisk: urgent && _system.Options.FsyncCritical);
            if (ticket != _flushDone) CompleteFlush(ticket);
            AllocatedBytes = GC.GetAllocatedBytesForCurrentThread();

            if (stopping && (drained == 0 || now > stopDeadline)) break;
            // A small pass means the producers are slower than the writer: sleep rather than re-read their
            // published positions at once, which would pull those cache lines away from the producers on
            // nearly every call. A big pass (many records, or an eighth of some ring) means a backlog: go on.
            if (drained < BacklogRecords && !_ringFilling)
            {
                _wake.Wait(_pollMilliseconds);
                _wake.Reset();
            }
        }
        FlushAll(toDisk: true);
        foreach (SinkBatch batch in _batches)
        {
            try
            {
                batch.Sink.Dispose();
            }
            catch (Exception e)
            {
                ReportSinkError(batch.Sink, e);
            }
        }
    }

    /// <summary>
    /// One pass over what is published now, oldest record first across rings. A ring's run continues while
    /// its records are no newer than the next ring's head, so a busy thread is drained in long runs.
    /// Records newer than <paramref name="cutoff"/> wait for the next pass.
    /// </summary>
    private int Drain(long cutoff)
    {
        ProducerBuffer[] producers = _system.Producers;
        _ringFilling = false;
        foreach (ProducerBuffer p in producers)
        {
            p.Snapshot = p.ReadPublished();
            if (p.Snapshot - p.ReadPos > p.Capacity / 8) _ringFilling = true;
        }
        int count = 0;
        while (true)
        {
            ProducerBuffer? best = null;
            long bestTime = long.MaxValue, nextTime = long.MaxValue;
            foreach (ProducerBuffer p in producers)
            {
                if (p.ReadPos >= p.Snapshot) continue;
                long time = ((RecordHeader*)p.At(p.ReadPos))->Timestamp;
                if (time < bestTime)
                {
                    nextTime = bestTime;
                    bestTime = time;
                    best = p;
                }
                else if (time < nextTime)
                {
                    nextTime = time;
                }
            }
            if (best is null || bestTime > cutoff) return count;

            long runLimit = Math.Min(nextTime, cutoff);
            var header = (RecordHeader*)best.At(best.ReadPos);
            do
            {
                int length = header->Length;
                if (length < RecordHeader.Size || length > _maxRecord || (length & 7) != 0 || header->Used > length)
                {
                    // Only our handlers write rings, so this cannot happen; if it does, skip what is
                    // published rather than read garbage or loop.
                    ReportInternalError(new InvalidDataException($"corrupt record in ring {best.Id} at {best.ReadPos}: length {length}"));
                    best.ReadPos = best.Snapshot;
                    break;
                }
                FormatRecordSafely(header);
                best.ReadPos += length;
                count++;
                if (best.ReadPos >= best.Snapshot) break;
                header = (RecordHeader*)best.At(best.ReadPos);
            }
            while (header->Timestamp <= runLimit);
            best.SetConsumed(best.ReadPos);
        }
    }

    /// <summary>A record that cannot be formatted (a formatter that throws) costs that line, not the writer.</summary>
    private void FormatRecordSafely(RecordHeader* header)
    {
        try
        {
            FormatRecord(header);
        }
        catch (Exception e)
        {
            ReportInternalError(e);
        }
    }

    private void FormatRecord(RecordHeader* header)
    {
        Template template = TemplateRegistry.Get(header->TemplateId);
        byte* args = (byte*)header + RecordHeader.Size;
        byte* end = (byte*)header + header->Used;
        int length = _messages.Format(template, args, end, (header->Flags & RecordFlags.Truncated) != 0, _messageStart, _messageCapacity);
        EmitLine(header->Timestamp, header->Level, header->CategoryId, _messageStart, length);
    }

    /// <summary>Where a message is formatted before it is laid into each sink's line.</summary>
    private Span<byte> MessageSpace => new(_messageStart, _messageCapacity);

    /// <summary>
    /// Lays out one record's line for every sink that takes its level: the frame's head, the timestamp, the
    /// frame's middle, the message (escaped if it must be) and the tail, as vector copies into the batch.
    /// </summary>
    private void EmitLine(long time, int level, int categoryId, byte* message, int length)
    {
        _timestamps.Format(_clock.ToUtcTicks(time), _timestampStart);
        if (categoryId >= _categories) LoadCategories();
        int frameIndex = categoryId * LineFrame.LevelsPerCategory + ((uint)level < 7 ? level : 6);
        foreach (SinkBatch batch in _batches)
        {
            if (level < batch.MinLevel) continue;
            LineFrame frame = batch.Frames[frameIndex];
            int max = frame.FixedLength + batch.EscapeFactor * length;
            int take = length;
            if (batch.Free < max)
            {
                WriteBatch(batch);
                // Only a message longer than a whole batch is cut (the option limits make that impossible).
                if (batch.Free < max) take = Math.Max(0, (batch.Free - frame.FixedLength) / batch.EscapeFactor);
            }
            byte* line = batch.Start + batch.Length;
            line = VectorCopy.Copy(line, frame.Head, frame.HeadLength);
            Vector256.Load(_timestampStart).Store(line);
            line = VectorCopy.Copy(line + TimestampFormatter.Length, frame.Middle, frame.MiddleLength);
            line = batch.Format == LineFormat.Json
                ? VectorCopy.CopyJson(line, message, take)
                : VectorCopy.CopyText(line, message, take);
            line = VectorCopy.Copy(line, frame.Tail, frame.TailLength);
            batch.Length = (int)(line - batch.Start);
            if (batch.Oldest == long.MaxValue) batch.Oldest = time;
        }
        _lines++;
    }

    /// <summary>Builds every sink's line frames for categories created since the last call (cold: allocates).</summary>
    private void LoadCategories()
    {
        Logger[] loggers = _system.Loggers;
        foreach (SinkBatch batch in _batches)
        {
            var frames = new LineFrame[loggers.Length * LineFrame.LevelsPerCategory];
            batch.Frames.CopyTo(frames, 0);
            for (int i = _categories; i < loggers.Length; i++)
                for (int level = 0; level < 7; level++)
                    frames[i * LineFrame.LevelsPerCategory + level] = LineFrame.For(batch.Format, level, loggers[i].Category);
            batch.Frames = frames;
        }
        _categories = loggers.Length;
    }

    private bool DurabilityWanted()
    {
        foreach (ProducerBuffer p in _system.Producers)
            if (p.DurableWanted > p.DurablePublished) return true;
        return false;
    }

    private bool FlushDue(long now)
    {
        foreach (SinkBatch batch in _batches)
            if (batch.Oldest != long.MaxValue && now - batch.Oldest >= _flushAfterTicks) return true;
        return false;
    }

    /// <summary>Writes every batch out; then everything drained so far is durable and waiting callers may go.</summary>
    private void FlushAll(bool toDisk)
    {
        foreach (SinkBatch batch in _batches)
        {
            WriteBatch(batch);
            try
            {
                batch.Sink.Flush(toDisk);
            }
            catch (Exception e)
            {
                ReportSinkError(batch.Sink, e);
            }
        }
        foreach (ProducerBuffer p in _system.Producers)
        {
            if (p.DurablePublished == p.ReadPos) continue;
            p.DurablePublished = p.ReadPos;
            p.SetDurable(p.ReadPos);
        }
        _flushes++;
    }

    private void WriteBatch(SinkBatch batch)
    {
        if (batch.Length == 0) return;
        try
        {
            batch.Sink.Write(batch.Buffer.AsSpan(0, batch.Length));
            _bytes += batch.Length;
        }
        catch (Exception e)
        {
            ReportSinkError(batch.Sink, e);
        }
        batch.Length = 0;
        batch.Oldest = long.MaxValue;
    }

    private void CompleteFlush(int ticket)
    {
        lock (_flushLock)
        {
            Volatile.Write(ref _flushDone, ticket);
            Monitor.PulseAll(_flushLock);
        }
    }

    /// <summary>A failing sink loses that batch; the error goes to stderr at most every 10 s (not through the failing path).</summary>
    private void ReportInternalError(Exception error)
    {
        _internalErrors++;
        long now = Environment.TickCount64;
        if (now - _lastErrorReport < 10_000) return;
        _lastErrorReport = now;
        try
        {
            Console.Error.WriteLine($"appliance logging: writer error ({_internalErrors} so far): {error}");
        }
        catch (IOException)
        {
        }
    }

    private void ReportSinkError(LogSink sink, Exception error)
    {
        _sinkErrors++;
        long now = Environment.TickCount64;
        if (now - _lastErrorReport < 10_000) return;
        _lastErrorReport = now;
        try
        {
            Console.Error.WriteLine($"appliance logging: sink {sink.GetType().Name} failed ({SinkErrors} errors so far): {error.Message}");
        }
        catch (IOException)
        {
        }
    }
}
