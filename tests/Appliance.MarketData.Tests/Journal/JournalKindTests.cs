using Appliance.MarketData.Journal;

namespace Appliance.MarketData.Tests.Journal;

public class JournalKindTests
{
    [Test]
    public void Record_kinds_aux_and_two_part_payloads_round_trip()
    {
        string dir = Directory.CreateTempSubdirectory("journal-kinds-").FullName;
        try
        {
            using (var writer = new JournalWriter(new JournalWriterOptions { Directory = dir }))
            {
                Assert.That(writer.TryAppend(10, 3, "{}"u8), Is.True);
                Assert.That(writer.TryAppend(11, 4, JournalRecordKind.Connected, 2, [1, 0, 0, 0]), Is.True);
                Assert.That(writer.TryAppend(12, 0, JournalRecordKind.Snapshot, 0, [7, 0, 0, 0], "body"u8), Is.True);
            }
            var records = new List<(JournalRecordKind, uint, ushort, long, string)>();
            JournalReader.ReadAll(JournalReader.FindSegments(dir), r =>
                records.Add((r.Kind, r.Aux, r.ConnectionId, r.ReceiveTimestamp, Convert.ToHexStringLower(r.Payload.Span))));
            Assert.That(records, Is.EqualTo(new[]
            {
                (JournalRecordKind.Payload, 0u, (ushort)3, 10L, "7b7d"),
                (JournalRecordKind.Connected, 2u, (ushort)4, 11L, "01000000"),
                (JournalRecordKind.Snapshot, 0u, (ushort)0, 12L, "07000000626f6479"),
            }));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
