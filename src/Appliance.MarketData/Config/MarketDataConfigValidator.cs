using System.Numerics;
using System.Text;
using Appliance.MarketData.Feed;
using Appliance.Primitives.FixedPoint;

namespace Appliance.MarketData.Config;

/// <summary>
/// Checks the market-data sections and returns every problem at once, each with the JSON path of the
/// value at fault (<c>$.feeds[1].staleAfterMs: must be &gt; 0</c>). Cold path. The section methods take
/// the path of their section so a root configuration that nests them elsewhere reports true paths.
/// </summary>
public static class MarketDataConfigValidator
{
    public const int MaxBookDepth = 5000;
    public const int MaxRingCapacity = 1 << 20;

    /// <summary>All problems in <paramref name="config"/>; empty when it is valid.</summary>
    public static IReadOnlyList<ConfigError> Validate(MarketDataConfig config, string root = "$")
    {
        ArgumentNullException.ThrowIfNull(config);
        var errors = new List<ConfigError>();
        ValidateInstruments(config.Instruments, $"{root}.instruments", errors);
        ValidateFeeds(config.Feeds, config.Instruments, $"{root}.feeds", errors);
        ValidateRing(config.Ring, $"{root}.ring", errors);
        ValidateJournal(config.Journal, $"{root}.journal", errors);
        return errors;
    }

    public static void ValidateInstruments(IReadOnlyList<InstrumentConfig>? instruments, string path, List<ConfigError> errors)
    {
        if (instruments is null) { errors.Add(new(path, "must be an array")); return; }
        var symbols = new Dictionary<string, int>(StringComparer.Ordinal);
        var venueSymbols = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < instruments.Count; i++)
        {
            string at = $"{path}[{i}]";
            InstrumentConfig? c = instruments[i];
            if (c is null) { errors.Add(new(at, "must be an object")); continue; }

            if (string.IsNullOrWhiteSpace(c.Symbol)) errors.Add(new($"{at}.symbol", "is required"));
            else if (!symbols.TryAdd(c.Symbol, i)) errors.Add(new($"{at}.symbol", $"'{c.Symbol}' is also $.instruments[{symbols[c.Symbol]}]"));

            if (string.IsNullOrEmpty(c.VenueSymbol)) errors.Add(new($"{at}.venueSymbol", "is required"));
            else if (!IsPrintableAscii(c.VenueSymbol)) errors.Add(new($"{at}.venueSymbol", $"'{c.VenueSymbol}' must be printable ASCII without spaces"));
            else if (!venueSymbols.TryAdd(c.VenueSymbol, i))
                errors.Add(new($"{at}.venueSymbol", $"'{c.VenueSymbol}' is also instrument [{venueSymbols[c.VenueSymbol]}] (compared case-insensitively)"));

            bool priceScaleOk = CheckRange(c.PriceScale, 0, FixedDecimal.MaxScale, $"{at}.priceScale", errors);
            bool quantityScaleOk = CheckRange(c.QuantityScale, 0, FixedDecimal.MaxScale, $"{at}.quantityScale", errors);
            if (priceScaleOk) CheckSize(c.TickSize, c.PriceScale, "priceScale", $"{at}.tickSize", errors);
            if (quantityScaleOk) CheckSize(c.LotSize, c.QuantityScale, "quantityScale", $"{at}.lotSize", errors);
            CheckRange(c.BookDepth, 1, MaxBookDepth, $"{at}.bookDepth", errors);
        }
    }

    public static void ValidateFeeds(IReadOnlyList<FeedConfig>? feeds, IReadOnlyList<InstrumentConfig>? instruments, string path, List<ConfigError> errors)
    {
        if (feeds is null) { errors.Add(new(path, "must be an array")); return; }
        var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (instruments is not null)
            foreach (InstrumentConfig? c in instruments)
                if (!string.IsNullOrEmpty(c?.VenueSymbol)) known.Add(c.VenueSymbol);

        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var groups = new Dictionary<string, (int Index, FeedConfig Feed, HashSet<string> Lines)>(StringComparer.Ordinal);
        for (int i = 0; i < feeds.Count; i++)
        {
            string at = $"{path}[{i}]";
            FeedConfig? f = feeds[i];
            if (f is null) { errors.Add(new(at, "must be an object")); continue; }

            bool named = !string.IsNullOrWhiteSpace(f.Name);
            if (!named) errors.Add(new($"{at}.name", "is required"));
            else if (!names.TryAdd(f.Name, i)) { errors.Add(new($"{at}.name", $"'{f.Name}' is also {path}[{names[f.Name]}]")); named = false; }

            if (f.Venue != "binance") errors.Add(new($"{at}.venue", $"'{f.Venue}' is not a supported venue (binance)"));

            if (!Uri.TryCreate(f.Url, UriKind.Absolute, out Uri? url) || url.Scheme is not ("ws" or "wss"))
                errors.Add(new($"{at}.url", $"'{f.Url}' must be an absolute ws:// or wss:// URL"));

            bool needsSnapshot = false;
            if (f.Streams is null || f.Streams.Count == 0) errors.Add(new($"{at}.streams", "must list at least one stream"));
            else
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (int s = 0; s < f.Streams.Count; s++)
                {
                    string sat = $"{at}.streams[{s}]";
                    if (!BinanceStream.TryParse(f.Streams[s], out BinanceStream stream, out string why)) { errors.Add(new(sat, why)); continue; }
                    if (!seen.Add(f.Streams[s])) errors.Add(new(sat, $"'{f.Streams[s]}' is listed twice"));
                    if (!known.Contains(stream.Symbol)) errors.Add(new(sat, $"symbol '{stream.Symbol}' is not the venueSymbol of any instrument"));
                    needsSnapshot |= stream.Kind == BinanceStreamKind.DepthDiff;
                }
            }

            if (f.SnapshotUrl is not null || needsSnapshot)
            {
                if (!Uri.TryCreate(f.SnapshotUrl, UriKind.Absolute, out Uri? snap) || snap.Scheme is not ("http" or "https"))
                    errors.Add(new($"{at}.snapshotUrl", f.SnapshotUrl is null
                        ? "is required: a depth diff stream is subscribed and the book is resynced from the REST snapshot"
                        : $"'{f.SnapshotUrl}' must be an absolute http:// or https:// URL"));
            }

            if (string.IsNullOrWhiteSpace(f.Line)) errors.Add(new($"{at}.line", "is required"));
            if (f.Cpu is int cpu && (cpu < 0 || cpu > 4095)) errors.Add(new($"{at}.cpu", $"{cpu} must be a CPU number from 0 to 4095"));
            CheckPositive(f.StaleAfterMs, $"{at}.staleAfterMs", errors);
            CheckRange(f.RejoinHoldMs, 0, 60_000, $"{at}.rejoinHoldMs", errors);
            CheckRange(f.SnapshotDepth, 1, MaxBookDepth, $"{at}.snapshotDepth", errors);
            CheckPositive(f.ConnectTimeoutMs, $"{at}.connectTimeoutMs", errors);
            ValidateBackoff(f.Backoff, $"{at}.backoff", errors);

            // Group checks only for uniquely named feeds: a duplicate name would drag a feed into a group by accident.
            if (!named) continue;
            string group = f.GroupName;
            if (!groups.TryGetValue(group, out var g))
            {
                groups[group] = (i, f, new HashSet<string>(StringComparer.Ordinal) { f.Line ?? "" });
                continue;
            }
            string first = $"{path}[{g.Index}]";
            if (!g.Lines.Add(f.Line ?? "")) errors.Add(new($"{at}.line", $"'{f.Line}' is also the line of {first} in group '{group}'"));
            if (f.Venue != g.Feed.Venue) errors.Add(new($"{at}.venue", $"lines of group '{group}' must share a venue ({first} is '{g.Feed.Venue}')"));
            if (f.Streams is not null && g.Feed.Streams is not null && !new HashSet<string>(f.Streams).SetEquals(g.Feed.Streams))
                errors.Add(new($"{at}.streams", $"lines of group '{group}' must carry the same streams as {first}"));
            if (f.RejoinHoldMs != g.Feed.RejoinHoldMs)
                errors.Add(new($"{at}.rejoinHoldMs", $"lines of group '{group}' are arbitrated together: {f.RejoinHoldMs} differs from {first}'s {g.Feed.RejoinHoldMs}"));
            if (f.Cpu is not null && f.Cpu != g.Feed.Cpu)
                errors.Add(new($"{at}.cpu", $"lines of group '{group}' share one feed thread: leave cpu out or set it to {first}'s ({g.Feed.Cpu?.ToString() ?? "none"})"));
        }
    }

    public static void ValidateRing(RingConfig? ring, string path, List<ConfigError> errors)
    {
        if (ring is null) { errors.Add(new(path, "must be an object")); return; }
        if (ring.Capacity < 2 || ring.Capacity > MaxRingCapacity || !BitOperations.IsPow2(ring.Capacity))
            errors.Add(new($"{path}.capacity", $"{ring.Capacity} must be a power of two from 2 to {MaxRingCapacity}"));
        if (OverloadPolicyNames.Parse(ring.Overload) is null)
            errors.Add(new($"{path}.overload", $"'{ring.Overload}' is not one of {OverloadPolicyNames.All}"));
        CheckRange(ring.SpinMicroseconds, 0, 1_000_000, $"{path}.spinMicroseconds", errors);
    }

    public static void ValidateJournal(JournalConfig? journal, string path, List<ConfigError> errors)
    {
        if (journal is null) { errors.Add(new(path, "must be an object")); return; }
        if (journal.Enabled && string.IsNullOrWhiteSpace(journal.Directory)) errors.Add(new($"{path}.directory", "is required when the journal is enabled"));
        if (journal.FsyncPolicy is null) errors.Add(new($"{path}.fsync", $"'{journal.Fsync}' is not one of never | interval | everyRecord"));
        CheckPositive(journal.FsyncIntervalMs, $"{path}.fsyncIntervalMs", errors);
        CheckRange(journal.MaxSegmentMB, 1, 1 << 16, $"{path}.maxSegmentMB", errors);
        if (journal.RingMB < 1 || journal.RingMB > 1024 || !BitOperations.IsPow2(journal.RingMB))
            errors.Add(new($"{path}.ringMB", $"{journal.RingMB} must be a power of two from 1 to 1024"));
    }

    private static void ValidateBackoff(BackoffConfig? b, string path, List<ConfigError> errors)
    {
        if (b is null) { errors.Add(new(path, "must be an object")); return; }
        bool initialOk = CheckPositive(b.InitialMs, $"{path}.initialMs", errors);
        if (initialOk && b.MaxMs < b.InitialMs) errors.Add(new($"{path}.maxMs", $"{b.MaxMs} must be ≥ initialMs ({b.InitialMs})"));
        if (!(b.Jitter >= 0 && b.Jitter <= 1)) errors.Add(new($"{path}.jitter", $"{b.Jitter} must be from 0 to 1"));
    }

    private static bool CheckPositive(int value, string path, List<ConfigError> errors)
    {
        if (value > 0) return true;
        errors.Add(new(path, "must be > 0"));
        return false;
    }

    private static bool CheckRange(int value, int min, int max, string path, List<ConfigError> errors)
    {
        if (value >= min && value <= max) return true;
        errors.Add(new(path, $"{value} must be from {min} to {max}"));
        return false;
    }

    private static void CheckSize(string? text, int scale, string scaleName, string path, List<ConfigError> errors)
    {
        if (string.IsNullOrEmpty(text)) { errors.Add(new(path, "is required (a decimal string such as \"0.01\")")); return; }
        FixedParseStatus status = FixedDecimal.TryParse(Encoding.ASCII.GetBytes(text), scale, out long units);
        if (status != FixedParseStatus.Ok) errors.Add(new(path, $"'{text}' is not a decimal exact at {scaleName} {scale} ({status})"));
        else if (units <= 0) errors.Add(new(path, $"'{text}' must be > 0"));
    }

    private static bool IsPrintableAscii(string s)
    {
        foreach (char c in s) if (c <= ' ' || c > '~') return false;
        return true;
    }
}
