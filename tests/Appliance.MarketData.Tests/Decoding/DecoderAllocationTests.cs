using System.Text;
using Appliance.MarketData.Decoding;
using Appliance.MarketData.Events;

namespace Appliance.MarketData.Tests.Decoding;

public class DecoderAllocationTests
{
    [Test]
    public void Decoding_allocates_nothing_per_message_after_warm_up_including_malformed_ones()
    {
        var decoder = new BinanceDecoder(TestInstruments.Create());
        var buffer = new MarketEventBuffer(64);
        var context = new DecodeContext(1, 1, 0);
        byte[][] payloads = DecoderCorpus.Valid
            .Append("""{"e":"trade","s":"NOPE"}""")
            .Append("{\"e\":\"trade\",\"p\":\"1.2.3\"")
            .Append("""{"e":"tr\u0061de","E":1,"s":"BTC\u0055SDT","t":1,"p":"1.0\u0030","q":"1","T":1,"m":true}""")
            .Append("garbage")
            .Select(Encoding.UTF8.GetBytes).ToArray();

        long allocated = AllocatedOverRounds(decoder, payloads, context, ref buffer, out int ok);

        Assert.That(allocated, Is.Zero);
        Assert.That(ok, Is.EqualTo(1000 * (DecoderCorpus.Valid.Length + 1)));
    }

    /// <summary>
    /// Bytes this thread allocated decoding <paramref name="payloads"/> 1000 times over, after three warm-up
    /// rounds; <paramref name="ok"/> counts the successful decodes of the measured rounds.
    /// </summary>
    internal static long AllocatedOverRounds(BinanceDecoder decoder, byte[][] payloads, in DecodeContext context, ref MarketEventBuffer buffer, out int ok)
    {
        for (int warm = 0; warm < 3; warm++)
            foreach (byte[] p in payloads) { buffer.Clear(); decoder.Decode(p, context, ref buffer); }

        ok = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 1000; round++)
        {
            foreach (byte[] p in payloads)
            {
                buffer.Clear();
                if (decoder.Decode(p, context, ref buffer).IsOk) ok++;
            }
        }
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
