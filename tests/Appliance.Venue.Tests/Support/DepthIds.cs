using System.Text;
using Appliance.MarketData.Decoding;
using Appliance.MarketData.Events;
using Appliance.MarketData.Instruments;

namespace Appliance.Venue.Tests.Support;

/// <summary>The (stream, U, u) of each depth diff a client received, in order, and the id ranges missing between them.</summary>
internal static class DepthIds
{
    public static List<(string Stream, long First, long Last)> Of(InstrumentTable table, IEnumerable<byte[]> messages)
    {
        var decoder = new BinanceDecoder(table);
        var buffer = new MarketEventBuffer(256);
        var ids = new List<(string, long, long)>();
        foreach (byte[] m in messages)
        {
            buffer.Clear();
            if (!decoder.Decode(m, default, ref buffer).IsOk || buffer.Events[0].Kind != MarketEventKind.DepthDiff) continue;
            string stream = m.AsSpan().StartsWith("{\"stream\":\""u8)
                ? Encoding.ASCII.GetString(m, 11, m.AsSpan(11).IndexOf((byte)'"'))
                : "raw";
            ids.Add((stream, buffer.Events[0].FirstId, buffer.Events[0].LastId));
        }
        return ids;
    }

    /// <summary>Ranges of ids that never arrived: wherever U ≠ previous u + 1 (going forward).</summary>
    public static List<(long First, long Last)> Missing(IEnumerable<(string Stream, long First, long Last)> diffs)
    {
        var missing = new List<(long, long)>();
        long previous = -1;
        foreach (var d in diffs)
        {
            if (previous >= 0 && d.First > previous + 1) missing.Add((previous + 1, d.First - 1));
            previous = Math.Max(previous, d.Last);
        }
        return missing;
    }
}
