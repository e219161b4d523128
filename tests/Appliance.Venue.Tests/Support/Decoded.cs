using Appliance.MarketData.Decoding;
using Appliance.MarketData.Events;
using Appliance.MarketData.Instruments;

namespace Appliance.Venue.Tests.Support;

/// <summary>Decodes venue output with our production <see cref="BinanceDecoder"/>, failing the test on anything it refuses.</summary>
internal static class Decoded
{
    public static List<MarketEvent> All(InstrumentTable table, IEnumerable<byte[]> payloads, int defaultInstrument = -1)
    {
        var decoder = new BinanceDecoder(table);
        var events = new List<MarketEvent>();
        var buffer = new MarketEventBuffer(256);
        foreach (byte[] payload in payloads)
        {
            buffer.Clear();
            DecodeResult result = decoder.Decode(payload, new DecodeContext(0, 1, defaultInstrument), ref buffer);
            if (!result.IsOk) Assert.Fail($"{result} decoding {System.Text.Encoding.UTF8.GetString(payload)[..Math.Min(300, payload.Length)]}");
            Assert.That(buffer.Dropped, Is.Zero);
            foreach (MarketEvent e in buffer.Events) events.Add(e);
        }
        return events;
    }
}
