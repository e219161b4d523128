using System.Buffers.Binary;
using Appliance.MarketData.Journal;

namespace Appliance.MarketData.Tests.Journal;

public class JournalRingTests
{
    [Test]
    public void A_full_ring_drops_and_counts_instead_of_waiting()
    {
        var ring = new JournalRing(4096);
        byte[] payload = new byte[1000];
        int accepted = 0;
        for (int i = 0; i < 10; i++) if (ring.TryWrite(i, 0, payload)) accepted++;
        Assert.That(accepted, Is.EqualTo(4)); // 4 × 1024 padded bytes
        Assert.That(ring.Dropped, Is.EqualTo(6));
        Assert.That(ring.TryWrite(0, 0, new byte[ring.MaxPayload + 1]), Is.False);
        Assert.That(ring.Dropped, Is.EqualTo(7));
    }

    [Test]
    public void Records_wrap_around_the_end_intact_and_in_order()
    {
        var ring = new JournalRing(4096);
        var random = new Random(9);
        long next = 0, expected = 0;
        for (int round = 0; round < 2000; round++)
        {
            while (true)
            {
                byte[] payload = new byte[random.Next(0, 700)];
                payload.AsSpan().Fill((byte)next);
                if (!ring.TryWrite(next, (ushort)next, payload)) break;
                next++;
            }
            int take = random.Next(1, 5);
            for (int k = 0; k < take; k++)
            {
                Span<byte> record = ring.Peek();
                if (record.IsEmpty) break;
                Assert.That(BinaryPrimitives.ReadInt64LittleEndian(record[8..]), Is.EqualTo(expected));
                int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(record);
                Assert.That(record.Length, Is.EqualTo(JournalFormat.RecordHeaderSize + length));
                Assert.That(record[JournalFormat.RecordHeaderSize..].IndexOfAnyExcept((byte)expected), Is.EqualTo(-1));
                ring.Release();
                expected++;
            }
        }
        Assert.That(expected, Is.GreaterThan(2000));
    }
}
