using System.Buffers.Binary;
using System.Text;
using Appliance.MarketData.Journal;

namespace Appliance.MarketData.Tests.Journal;

public class JournalTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "md-journal-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static byte[] Payload(int i) => Encoding.UTF8.GetBytes($"{{\"e\":\"trade\",\"t\":{i},\"pad\":\"{new string('x', i % 50)}\"}}");

    private List<JournalRecord> WriteAndReadBack(int count, JournalWriterOptions options, List<(string, JournalReadStatus, long)>? problems = null)
    {
        using (var writer = new JournalWriter(options))
        {
            for (int i = 0; i < count; i++) Assert.That(writer.TryAppend(1000 + i, (ushort)(i % 3), Payload(i)), Is.True);
        }
        return ReadBack(options.FilePrefix, problems);
    }

    private List<JournalRecord> ReadBack(string prefix = "md", List<(string, JournalReadStatus, long)>? problems = null)
    {
        var records = new List<JournalRecord>();
        JournalReader.ReadAll(JournalReader.FindSegments(_dir, prefix),
            r => records.Add(r with { Payload = r.Payload.ToArray() }),
            (path, status, offset) => problems?.Add((Path.GetFileName(path), status, offset)));
        return records;
    }

    [Test]
    public void Records_round_trip_with_timestamps_connections_and_payloads()
    {
        var records = WriteAndReadBack(1000, new JournalWriterOptions { Directory = _dir, RingBytes = 1 << 20 });
        Assert.That(records, Has.Count.EqualTo(1000));
        for (int i = 0; i < records.Count; i++)
        {
            Assert.That(records[i].ReceiveTimestamp, Is.EqualTo(1000 + i));
            Assert.That(records[i].ConnectionId, Is.EqualTo(i % 3));
            Assert.That(records[i].Payload.ToArray(), Is.EqualTo(Payload(i)));
        }
    }

    [Test]
    public void Header_carries_version_index_and_clock_info()
    {
        WriteAndReadBack(1, new JournalWriterOptions { Directory = _dir });
        using var reader = new JournalSegmentReader(JournalReader.FindSegments(_dir).Single());
        Assert.That(reader.Header.Version, Is.EqualTo(JournalFormat.Version));
        Assert.That(reader.Header.SegmentIndex, Is.Zero);
        Assert.That(reader.Header.ClockTicksPerSecond, Is.EqualTo(Appliance.Primitives.Time.MonoClock.Frequency));
        Assert.That(reader.Header.CreatedUnixNs, Is.GreaterThan(DateTimeOffset.Parse("2024-01-01").ToUnixTimeMilliseconds() * 1_000_000));
    }

    [Test]
    public void Segments_roll_by_size_and_read_back_in_order()
    {
        var options = new JournalWriterOptions { Directory = _dir, MaxSegmentBytes = 2000, RingBytes = 1 << 20 };
        var records = WriteAndReadBack(300, options);
        var segments = JournalReader.FindSegments(_dir);
        Assert.That(segments.Count, Is.GreaterThan(5));
        Assert.That(segments.Select(s => new FileInfo(s).Length), Has.All.LessThanOrEqualTo(2000));
        Assert.That(records.Select(r => r.ReceiveTimestamp), Is.EqualTo(Enumerable.Range(1000, 300).Select(i => (long)i)));
    }

    [Test]
    public void A_file_truncated_mid_record_reads_back_every_whole_record_and_reports_the_torn_tail()
    {
        WriteAndReadBack(50, new JournalWriterOptions { Directory = _dir });
        string path = JournalReader.FindSegments(_dir).Single();
        long fullLength = new FileInfo(path).Length;
        long lastRecordStart = fullLength - (JournalFormat.RecordHeaderSize + Payload(49).Length);

        foreach (long cut in new[] { lastRecordStart + 3, lastRecordStart + JournalFormat.RecordHeaderSize, fullLength - 1 })
        {
            byte[] bytes = File.ReadAllBytes(path);
            string torn = Path.Combine(_dir, "torn-000000.journal");
            File.WriteAllBytes(torn, bytes[..(int)cut]);
            var problems = new List<(string, JournalReadStatus, long)>();
            var records = ReadBack("torn", problems);
            Assert.That(records, Has.Count.EqualTo(49), $"cut at {cut}");
            Assert.That(problems, Is.EqualTo(new[] { ("torn-000000.journal", JournalReadStatus.TornTail, lastRecordStart) }));
            File.Delete(torn);
        }
    }

    [Test]
    public void A_corrupted_payload_byte_is_reported_with_its_record_offset_and_reading_goes_on()
    {
        WriteAndReadBack(20, new JournalWriterOptions { Directory = _dir });
        string path = JournalReader.FindSegments(_dir).Single();
        byte[] bytes = File.ReadAllBytes(path);
        long offset = JournalFormat.HeaderSize;
        for (int i = 0; i < 7; i++) offset += JournalFormat.RecordHeaderSize + BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)offset));
        bytes[offset + JournalFormat.RecordHeaderSize + 5] ^= 0x10;
        File.WriteAllBytes(path, bytes);

        var problems = new List<(string, JournalReadStatus, long)>();
        var records = ReadBack("md", problems);
        Assert.That(problems, Is.EqualTo(new[] { (Path.GetFileName(path), JournalReadStatus.CrcMismatch, offset) }));
        Assert.That(records, Has.Count.EqualTo(19));
        Assert.That(records.Select(r => r.ReceiveTimestamp), Does.Not.Contain(1007L));
    }

    [Test]
    public void A_corrupted_length_is_detected_not_followed()
    {
        WriteAndReadBack(5, new JournalWriterOptions { Directory = _dir });
        string path = JournalReader.FindSegments(_dir).Single();
        byte[] bytes = File.ReadAllBytes(path);
        bytes[JournalFormat.HeaderSize] ^= 0x01; // first record's length, off by one
        File.WriteAllBytes(path, bytes);
        var problems = new List<(string, JournalReadStatus, long)>();
        var records = ReadBack("md", problems);
        Assert.That(problems[0], Is.EqualTo((Path.GetFileName(path), JournalReadStatus.CrcMismatch, (long)JournalFormat.HeaderSize)));
        Assert.That(records, Has.Count.LessThan(5));
    }

    [Test]
    public void A_damaged_header_names_the_file()
    {
        WriteAndReadBack(1, new JournalWriterOptions { Directory = _dir });
        string path = JournalReader.FindSegments(_dir).Single();
        byte[] bytes = File.ReadAllBytes(path);
        bytes[20] ^= 1;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => new JournalSegmentReader(path));
        Assert.That(e!.Message, Does.Contain(path).And.Contain("CRC"));
    }

    [TestCase(FsyncPolicy.Never)]
    [TestCase(FsyncPolicy.Interval)]
    [TestCase(FsyncPolicy.EveryRecord)]
    public void Every_fsync_policy_writes_every_record(FsyncPolicy policy)
    {
        var records = WriteAndReadBack(100, new JournalWriterOptions { Directory = _dir, Fsync = policy, FsyncInterval = TimeSpan.FromMilliseconds(1) });
        Assert.That(records, Has.Count.EqualTo(100));
    }

    [Test]
    public void Appending_allocates_nothing_on_the_feed_thread()
    {
        using var writer = new JournalWriter(new JournalWriterOptions { Directory = _dir, RingBytes = 1 << 22 });
        byte[] payload = Payload(10);
        writer.TryAppend(0, 0, payload);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) writer.TryAppend(i, 1, payload);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
