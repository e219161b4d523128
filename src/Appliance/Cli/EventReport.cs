using Appliance.MarketData.Replay;

namespace Appliance.Cli;

/// <summary>
/// The end of `record` and `replay`: event counts by type over every feed group, then the digest. Both
/// verbs print it the same way, so the two outputs compare line by line.
/// </summary>
internal static class EventReport
{
    public static void Write(TextWriter o, IReadOnlyList<(string Group, EventDigest Digest)> groups)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        long total = 0;
        foreach ((_, EventDigest d) in groups)
        {
            total += d.Events;
            foreach ((string name, long n) in d.Counts()) counts[name] = counts.GetValueOrDefault(name) + n;
        }
        o.WriteLine($"events: {total}");
        int width = counts.Count == 0 ? 0 : counts.Keys.Max(k => k.Length);
        foreach ((string name, long n) in counts) o.WriteLine($"  {name.PadRight(width)}  {n}");
        if (groups.Count > 1)
            foreach ((string group, EventDigest d) in groups) o.WriteLine($"digest[{group}]: {d.HexHash}");
        o.WriteLine($"digest: {Convert.ToHexStringLower(EventDigest.Combine(groups.Select(g => g.Digest.Hash).ToList()))}");
    }
}
