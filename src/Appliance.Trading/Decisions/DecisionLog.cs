using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Appliance.Logging;
using Appliance.MarketData.Events;
using Appliance.MarketData.Journal;
using Appliance.Primitives.Rings;
using Appliance.Primitives.Threading;
using Appliance.Trading.Engine;

namespace Appliance.Trading.Decisions;

/// <summary>
/// The deterministic decision log. The strategy thread writes each 64-byte <see cref="DecisionRecord"/>
/// into an SPSC ring (no formatting, no hashing, no I/O on the hot path); the consumer — a background
/// thread, or the caller of <see cref="Drain"/> — folds every record into a running SHA-256, appends it to
/// the binary journal (the market-data journal format, prefix <c>decisions</c>) and writes it as a log line
/// through the logger. The same events and configuration produce the same records, so a replay prints
/// the same digest. A full ring drops records (counted): the digest is then marked incomplete.
/// </summary>
public sealed class DecisionLog : IDisposable
{
    private readonly SpscRing<DecisionRecord>? _ring;
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly Lock _consumer = new();
    private readonly JournalWriter? _journal;
    private readonly DecisionLineWriter? _lines;
    private readonly Thread? _thread;
    private volatile bool _stopping;

    // Producer (strategy thread) state.
    private long _sequence;
    private long _dropped;

    // Consumer state (under _consumer).
    private long _consumed;

    public DecisionLog(int ringCapacity = 65_536, Logger? logger = null, InstrumentSpec[]? instruments = null,
        string? journalDirectory = null, bool background = false, bool enabled = true)
    {
        if (!enabled) return;
        _ring = new SpscRing<DecisionRecord>(ringCapacity, "strategy → decision log");
        if (logger is not null && instruments is not null) _lines = new DecisionLineWriter(logger, instruments);
        if (journalDirectory is not null)
        {
            Directory.CreateDirectory(journalDirectory);
            _journal = new JournalWriter(new JournalWriterOptions { Directory = journalDirectory, FilePrefix = JournalPrefix });
        }
        if (background)
        {
            _thread = NamedThread.Create("decision-log", Run);
            _thread.Start();
        }
    }

    public const string JournalPrefix = "decisions";

    /// <summary>Event index and time stamped on every record; the engine sets them per event.</summary>
    public long EventIndex { get; set; }
    public long TimeNs { get; set; }

    /// <summary>Records appended (the sequence of the last one).</summary>
    public long Count => Volatile.Read(ref _sequence);

    /// <summary>Records lost because the ring was full: the digest no longer covers the whole run.</summary>
    public long Dropped => Volatile.Read(ref _dropped);

    public long Consumed => Volatile.Read(ref _consumed);

    /// <summary>Strategy thread: appends one record (sequence, event index and time filled in here).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(DecisionKind kind, int instrumentId = MarketEvent.NoInstrument, Side side = Side.Unknown, byte reason = 0, byte origin = 0,
        long orderId = 0, long price = 0, long quantity = 0, long extra = 0)
    {
        if (_ring is null) return;
        if (!_ring.TryClaim(out long slot))
        {
            Volatile.Write(ref _dropped, _dropped + 1);
            return;
        }
        ref DecisionRecord r = ref _ring[slot];
        r = default;
        r.Kind = kind;
        r.Side = side;
        r.InstrumentId = (ushort)instrumentId;
        r.Reason = reason;
        r.Origin = origin;
        r.Sequence = ++_sequence;
        r.EventIndex = EventIndex;
        r.TimeNs = TimeNs;
        r.OrderId = orderId;
        r.Price = price;
        r.Quantity = quantity;
        r.Extra = extra;
        _ring.Publish(slot);
    }

    /// <summary>Consumer: hashes, journals and logs every record available now. Returns how many.</summary>
    public int Drain()
    {
        int n = 0;
        if (_ring is null) return 0;
        lock (_consumer)
        {
            while (_ring.TryPeek(out long slot))
            {
                ref DecisionRecord r = ref _ring[slot];
                ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(new ReadOnlySpan<DecisionRecord>(in r));
                _sha.AppendData(bytes);
                _journal?.TryAppend(r.TimeNs, 0, bytes);
                _lines?.Write(in r);
                _ring.Release(slot);
                Volatile.Write(ref _consumed, _consumed + 1);
                n++;
            }
        }
        return n;
    }

    /// <summary>
    /// The SHA-256 (hex) over every record appended so far, once the consumer caught up (this call drains
    /// itself when there is no background thread; call it from the strategy thread or after it stopped).
    /// Null if the consumer did not catch up within <paramref name="timeout"/>.
    /// </summary>
    public string? Digest(TimeSpan timeout)
    {
        if (_ring is null) return null;
        long target = Count;
        if (_thread is null) Drain();
        var deadline = DateTime.UtcNow + timeout;
        var spin = new SpinWait();
        while (Consumed < target)
        {
            if (DateTime.UtcNow >= deadline) return null;
            spin.SpinOnce(sleep1Threshold: 10);
        }
        lock (_consumer) return Convert.ToHexStringLower(_sha.GetCurrentHash());
    }

    /// <summary>SHA-256 (hex) of the decision records in a journal directory, as <see cref="Digest"/> computed it live.</summary>
    public static string DigestOfJournal(string directory, out long records)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long n = 0;
        JournalReader.ReadAll(JournalReader.FindSegments(directory, JournalPrefix), record =>
        {
            sha.AppendData(record.Payload.Span);
            n++;
        });
        records = n;
        return Convert.ToHexStringLower(sha.GetCurrentHash());
    }

    /// <summary>Reads the records back from a journal directory (tools, tests).</summary>
    public static List<DecisionRecord> ReadJournal(string directory)
    {
        var list = new List<DecisionRecord>();
        JournalReader.ReadAll(JournalReader.FindSegments(directory, JournalPrefix), record =>
        {
            if (record.Payload.Length == DecisionRecord.Size) list.Add(MemoryMarshal.Read<DecisionRecord>(record.Payload.Span));
        });
        return list;
    }

    private void Run()
    {
        var wait = new BlockingWait(TimeSpan.FromMilliseconds(5));
        while (!_stopping)
        {
            if (Drain() == 0) _ring!.WaitForData(ref wait, TimeSpan.FromMilliseconds(50));
        }
        Drain();
    }

    public void Dispose()
    {
        _stopping = true;
        _thread?.Join();
        if (_thread is null) Drain();
        _journal?.Dispose();
        _sha.Dispose();
    }
}
