using System.Runtime.InteropServices;
using System.Text;
using Appliance.MarketData.Decoding;
using Appliance.MarketData.Events;

namespace Appliance.MarketData.Tests.Decoding;

/// <summary>The hand-written scanner against the Utf8JsonReader oracle, event for event, byte for byte.</summary>
public class DecoderCrossCheckTests
{
    [Test]
    public void Both_decoders_produce_identical_events_for_the_corpus_and_its_corruptions()
    {
        var hand = new DecoderUnderTest(DecoderKind.HandScanner);
        var oracle = new DecoderUnderTest(DecoderKind.Utf8JsonReader);
        var random = new Random(7);
        int compared = 0;
        foreach (string json in DecoderCorpus.Valid)
        {
            byte[] original = Encoding.UTF8.GetBytes(json);
            for (int round = 0; round < 300; round++)
            {
                byte[] payload = (byte[])original.Clone();
                if (round > 0) payload[random.Next(payload.Length)] = (byte)" \"{}[],:0123456789.-eEtfnul\\xs"[random.Next(30)];

                DecodeResult a = hand.Decode(payload, defaultInstrument: 0);
                DecodeResult b = oracle.Decode(payload, defaultInstrument: 0);
                string context = Encoding.UTF8.GetString(payload);
                Assert.That(a.IsOk, Is.EqualTo(b.IsOk), $"{context}\nhand: {a}\noracle: {b}");
                if (!a.IsOk) continue;
                Assert.That(a, Is.EqualTo(b), context);
                for (int i = 0; i < a.EventCount; i++)
                {
                    Assert.That(Bytes(ref hand[i]), Is.EqualTo(Bytes(ref oracle[i])), $"event {i} of {context}");
                }
                compared++;
            }
        }
        Assert.That(compared, Is.GreaterThan(DecoderCorpus.Valid.Length * 50), "most mutations still decode and were compared");
    }

    private static byte[] Bytes(ref MarketEvent e)
    {
        MarketEvent copy = e;
        copy.DecodeTimestamp = 0;
        int used = MarketEvent.HeaderSize + copy.LevelCount * 16;
        return MemoryMarshal.AsBytes(new ReadOnlySpan<MarketEvent>(ref copy))[..used].ToArray();
    }
}
