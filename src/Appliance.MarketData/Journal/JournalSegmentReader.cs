using System.Buffers.Binary;

namespace Appliance.MarketData.Journal;

/// <summary>
/// Reads one segment record by record. Cold path (tools, replay): a bad header throws
/// <see cref="InvalidDataException"/> naming the file; damage after the header is reported as a status
/// with its byte offset, never thrown.
/// </summary>
public sealed class JournalSegmentReader : IDisposable
{
    private readonly FileStream _file;
    private readonly byte[] _recordHeader = new byte[JournalFormat.RecordHeaderSize];
    private byte[] _payload = new byte[4096];
    private long _offset;

    public JournalSegmentReader(string path)
    {
        Path = path;
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1 << 16);
        var header = new byte[JournalFormat.HeaderSize];
        int n = _file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (!JournalHeader.TryRead(header.AsSpan(0, n), out JournalHeader parsed, out string? error))
        {
            _file.Dispose();
            throw new InvalidDataException($"{path}: {error}");
        }
        Header = parsed;
        _offset = JournalFormat.HeaderSize;
    }

    public string Path { get; }

    public JournalHeader Header { get; }

    /// <summary>Byte offset of the next record, or of the torn tail / damaged record last reported.</summary>
    public long Offset => _offset;

    /// <summary>
    /// Reads the next record. On <see cref="JournalReadStatus.TornTail"/> and <see cref="JournalReadStatus.CrcMismatch"/>
    /// the record's offset is in <c>record.Offset</c>; after a torn tail every further call returns it again.
    /// </summary>
    public JournalReadStatus ReadNext(out JournalRecord record)
    {
        long start = _offset;
        record = new JournalRecord(start, 0, 0, ReadOnlyMemory<byte>.Empty);
        _file.Position = start;
        int n = _file.ReadAtLeast(_recordHeader, _recordHeader.Length, throwOnEndOfStream: false);
        if (n == 0) return JournalReadStatus.End;
        if (n < _recordHeader.Length) return JournalReadStatus.TornTail;

        uint length = BinaryPrimitives.ReadUInt32LittleEndian(_recordHeader);
        uint storedCrc = BinaryPrimitives.ReadUInt32LittleEndian(_recordHeader.AsSpan(4));
        long receive = BinaryPrimitives.ReadInt64LittleEndian(_recordHeader.AsSpan(8));
        ushort connection = BinaryPrimitives.ReadUInt16LittleEndian(_recordHeader.AsSpan(16));
        var kind = (JournalRecordKind)BinaryPrimitives.ReadUInt16LittleEndian(_recordHeader.AsSpan(18));
        uint aux = BinaryPrimitives.ReadUInt32LittleEndian(_recordHeader.AsSpan(20));

        if (length > JournalFormat.MaxPayloadLength)
        {
            // The length itself is damaged (the CRC covers it): nothing after it can be located.
            long remaining = _file.Length - start - JournalFormat.RecordHeaderSize;
            _offset = _file.Length;
            return remaining < 0 ? JournalReadStatus.TornTail : JournalReadStatus.CrcMismatch;
        }
        if (_payload.Length < length) _payload = new byte[Math.Max(length, _payload.Length * 2)];
        n = _file.ReadAtLeast(_payload.AsSpan(0, (int)length), (int)length, throwOnEndOfStream: false);
        if (n < length) return JournalReadStatus.TornTail;

        uint crc = Crc32C.Compute(_recordHeader.AsSpan(0, 4));
        crc = Crc32C.Append(crc, _recordHeader.AsSpan(8));
        crc = Crc32C.Append(crc, _payload.AsSpan(0, (int)length));
        _offset = start + JournalFormat.RecordHeaderSize + length;
        record = new JournalRecord(start, receive, connection, _payload.AsMemory(0, (int)length), kind, aux);
        return crc == storedCrc ? JournalReadStatus.Record : JournalReadStatus.CrcMismatch;
    }

    public void Dispose() => _file.Dispose();
}
