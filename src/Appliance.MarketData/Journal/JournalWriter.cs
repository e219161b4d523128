using System.Buffers.Binary;
using System.Diagnostics;
using Appliance.Primitives.Threading;
using Appliance.Primitives.Time;

namespace Appliance.MarketData.Journal;

/// <summary>
/// Appends raw payloads to segmented journal files on its own thread. The feed thread calls
/// <see cref="TryAppend"/>, which copies into a <see cref="JournalRing"/> and returns at once; when the
/// ring is full the record is dropped and counted (<see cref="Dropped"/>), never waited for. The writer
/// thread fills in each record's CRC, writes it, rolls segments by size and applies the fsync policy.
/// An I/O failure stops writing (it is kept in <see cref="Fault"/>); appends then count as drops.
/// </summary>
public sealed class JournalWriter : IDisposable
{
    private readonly JournalWriterOptions _options;
    private readonly JournalRing _ring;
    private readonly Thread _thread;
    private readonly byte[] _header = new byte[JournalFormat.HeaderSize];
    private volatile bool _stopping;
    private FileStream? _file;
    private long _segmentBytes;
    private int _segmentIndex = -1;
    private long _lastFsync;
    private bool _dirtySinceFsync;
    private long _records;
    private long _bytes;
    private volatile Exception? _fault;

    public JournalWriter(JournalWriterOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxSegmentBytes, JournalFormat.HeaderSize + JournalFormat.RecordHeaderSize + 1);
        System.IO.Directory.CreateDirectory(options.Directory);
        _ring = new JournalRing(options.RingBytes);
        OpenNextSegment(); // fail at start, not on the first record, if the directory is not writable
        _thread = NamedThread.Create("journal-writer", Run);
        _thread.Start();
    }

    /// <summary>Records lost because the ring was full, the payload too large for it, or the writer faulted.</summary>
    public long Dropped => _ring.Dropped;

    public long RecordsWritten => Interlocked.Read(ref _records);

    public long BytesWritten => Interlocked.Read(ref _bytes);

    public int SegmentIndex => Volatile.Read(ref _segmentIndex);

    public Exception? Fault => _fault;

    /// <summary>Feed thread: hands one payload to the writer. Never blocks, never allocates.</summary>
    public bool TryAppend(long receiveTimestamp, ushort connectionId, ReadOnlySpan<byte> payload) =>
        _ring.TryWrite(receiveTimestamp, connectionId, payload);

    /// <summary>Feed thread: hands one record of any kind to the writer (payload = prefix then body). Never blocks, never allocates.</summary>
    public bool TryAppend(long receiveTimestamp, ushort connectionId, JournalRecordKind kind, uint aux, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body = default) =>
        _ring.TryWrite(receiveTimestamp, connectionId, kind, aux, prefix, body);

    /// <summary>Largest record payload the hand-off ring accepts (half the ring).</summary>
    public int MaxPayload => _ring.MaxPayload;

    /// <summary>Writes everything appended so far, fsyncs, and closes the current segment.</summary>
    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        _thread.Join();
    }

    private void Run()
    {
        try
        {
            while (true)
            {
                bool stopping = _stopping; // read before draining so nothing appended before Dispose is missed
                int n = Drain();
                if (n == 0)
                {
                    if (stopping) break;
                    _file!.Flush(flushToDisk: false);
                    MaybeFsync(force: false);
                    Thread.Sleep(_options.IdleSleep);
                }
            }
            CloseSegment();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _fault = e;
            // Keep consuming so the feed thread sees drops, not a full ring forever.
            while (!_stopping)
            {
                while (!_ring.Peek().IsEmpty) _ring.Release();
                Thread.Sleep(_options.IdleSleep);
            }
        }
    }

    private int Drain()
    {
        int n = 0;
        while (true)
        {
            Span<byte> record = _ring.Peek();
            if (record.IsEmpty) return n;
            if (_segmentBytes + record.Length > _options.MaxSegmentBytes && _segmentBytes > JournalFormat.HeaderSize)
            {
                CloseSegment();
                OpenNextSegment();
            }
            uint crc = Crc32C.Compute(record[..4]);
            crc = Crc32C.Append(crc, record[8..]);
            BinaryPrimitives.WriteUInt32LittleEndian(record[4..], crc);
            _file!.Write(record);
            _segmentBytes += record.Length;
            Interlocked.Add(ref _bytes, record.Length);
            Interlocked.Increment(ref _records);
            _ring.Release();
            _dirtySinceFsync = true;
            n++;
            if (_options.Fsync == FsyncPolicy.EveryRecord) MaybeFsync(force: true);
        }
    }

    private void MaybeFsync(bool force)
    {
        if (!_dirtySinceFsync || _options.Fsync == FsyncPolicy.Never) return;
        if (!force && MonoClock.ElapsedNanoseconds(_lastFsync, MonoClock.Now()) < (long)_options.FsyncInterval.TotalNanoseconds) return;
        _file!.Flush(flushToDisk: true);
        _lastFsync = MonoClock.Now();
        _dirtySinceFsync = false;
    }

    private void OpenNextSegment()
    {
        int index = _segmentIndex + 1;
        string path = Path.Combine(_options.Directory, JournalFormat.SegmentFileName(_options.FilePrefix, index));
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 1 << 16);
        long ticks = MonoClock.Now();
        long unixNs = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
        new JournalHeader(JournalFormat.Version, index, unixNs, ticks, MonoClock.Frequency).Write(_header);
        _file.Write(_header);
        _segmentBytes = JournalFormat.HeaderSize;
        _lastFsync = ticks;
        Volatile.Write(ref _segmentIndex, index);
    }

    private void CloseSegment()
    {
        if (_file is null) return;
        _file.Flush(flushToDisk: true);
        _file.Dispose();
        _file = null;
        _dirtySinceFsync = false;
    }
}
