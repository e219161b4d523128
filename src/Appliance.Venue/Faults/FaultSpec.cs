using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Appliance.Venue.Faults;

/// <summary>
/// A fault as asked for, by <c>--fault kind=gap,count=3</c> or by <c>POST /control/fault</c> with the same keys
/// as JSON. Target: <c>connection</c> id, <c>tag</c> (the <c>?tag=</c> a client put in its URL), or every
/// connection of the channel (<c>channel</c>: market or trade; default market).
/// </summary>
public sealed record FaultSpec
{
    public FaultKind Kind { get; init; }

    public int? Connection { get; init; }

    public string? Tag { get; init; }

    /// <summary>"market" (market-data connections) or "trade" (order entry).</summary>
    public string Channel { get; init; } = "market";

    public int Count { get; init; } = 1;

    public long DurationMs { get; init; }

    public bool Pings { get; init; } = true;

    public string? Symbol { get; init; }

    /// <summary>Gap: which stream family to skip: depth (diffs), trade, aggTrade, bookTicker, partial, any.</summary>
    public string Stream { get; init; } = "depth";

    public string Variant { get; init; } = "json";

    public int Size { get; init; } = 17 * 1024 * 1024;

    public int ChunkBytes { get; init; } = 1;

    public int IntervalMs { get; init; } = 1;

    public int Code { get; init; } = 1000;

    public string Reason { get; init; } = "";

    /// <summary>Start-up faults: applied this long after each connection opens.</summary>
    public long AfterMs { get; init; }

    /// <summary>Start-up faults: repeated at this period (0: once).</summary>
    public long EveryMs { get; init; }

    public long DelayMs { get; init; } = 1000;

    public bool Process { get; init; } = true;

    /// <summary>drop_on_request: only a request of this method triggers it (null: the next request).</summary>
    public string? Method { get; init; }

    public static string NameOf(FaultKind kind) => kind switch
    {
        FaultKind.DropOnRequest => "drop_on_request",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static FaultKind ParseKind(string text)
    {
        foreach (FaultKind k in Enum.GetValues<FaultKind>())
            if (NameOf(k) == text) return k;
        throw new FormatException($"unknown fault kind '{text}' (expected {string.Join(", ", Enum.GetValues<FaultKind>().Select(NameOf))})");
    }

    /// <summary>Parses the <c>--fault</c> value: comma-separated key=value pairs.</summary>
    public static FaultSpec ParseFlag(string text)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=');
            if (eq <= 0) throw new FormatException($"--fault '{text}': '{part}' is not key=value");
            pairs[part[..eq]] = part[(eq + 1)..];
        }
        return FromPairs(pairs, "--fault");
    }

    /// <summary>Parses the JSON body of <c>POST /control/fault</c>.</summary>
    public static FaultSpec ParseJson(ReadOnlySpan<byte> json)
    {
        using JsonDocument doc = JsonDocument.Parse(json.ToArray());
        if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new FormatException("fault: expected a JSON object");
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty p in doc.RootElement.EnumerateObject())
        {
            pairs[p.Name] = p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString()!,
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => p.Value.GetRawText(),
                JsonValueKind.Null => "",
                _ => throw new FormatException($"fault: '{p.Name}' must be a string, number or boolean"),
            };
        }
        return FromPairs(pairs, "fault");
    }

    private static FaultSpec FromPairs(Dictionary<string, string> pairs, string where)
    {
        if (!pairs.TryGetValue("kind", out string? kindText)) throw new FormatException($"{where}: 'kind' is required");
        var spec = new FaultSpec { Kind = ParseKind(kindText) };
        foreach ((string key, string value) in pairs)
        {
            spec = key switch
            {
                "kind" => spec,
                "connection" => value.Length == 0 || value == "all" ? spec : spec with { Connection = (int)Long(where, key, value, 1, int.MaxValue) },
                "tag" => spec with { Tag = value.Length == 0 ? null : value },
                "channel" => value is "market" or "trade" ? spec with { Channel = value } : throw new FormatException($"{where}: channel '{value}' (market|trade)"),
                "count" => spec with { Count = (int)Long(where, key, value, 1, 1_000_000) },
                "duration_ms" => spec with { DurationMs = Long(where, key, value, 0, 86_400_000) },
                "pings" => spec with { Pings = Bool(where, key, value) },
                "symbol" => spec with { Symbol = value.Length == 0 ? null : value.ToUpperInvariant() },
                "stream" => value is "depth" or "trade" or "aggTrade" or "bookTicker" or "partial" or "any"
                    ? spec with { Stream = value }
                    : throw new FormatException($"{where}: stream '{value}' (depth|trade|aggTrade|bookTicker|partial|any)"),
                "variant" => value is "json" or "utf8" or "binary" or "fin" or "rst" ? spec with { Variant = value } : throw new FormatException($"{where}: variant '{value}' (garbage: json|utf8|binary; drop: fin|rst)"),
                "size" => spec with { Size = (int)Long(where, key, value, 1, 1 << 30) },
                "chunk_bytes" => spec with { ChunkBytes = (int)Long(where, key, value, 1, 1 << 20) },
                "interval_ms" => spec with { IntervalMs = (int)Long(where, key, value, 0, 60_000) },
                "code" => spec with { Code = (int)Long(where, key, value, 1000, 4999) },
                "reason" => Encoding.UTF8.GetByteCount(value) <= 123 ? spec with { Reason = value } : throw new FormatException($"{where}: reason longer than 123 bytes"),
                "after_ms" => spec with { AfterMs = Long(where, key, value, 0, 86_400_000) },
                "every_ms" => spec with { EveryMs = Long(where, key, value, 0, 86_400_000) },
                "delay_ms" => spec with { DelayMs = Long(where, key, value, 0, 600_000) },
                "process" => spec with { Process = Bool(where, key, value) },
                "method" => spec with { Method = value.Length == 0 ? null : value },
                _ => throw new FormatException($"{where}: unknown key '{key}'"),
            };
        }
        if (spec.Kind is FaultKind.Delay or FaultKind.DropOnRequest && !pairs.ContainsKey("channel")) spec = spec with { Channel = "trade" };
        return spec;
    }

    private static long Long(string where, string key, string value, long min, long max)
    {
        if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) || v < min || v > max)
            throw new FormatException($"{where}: {key} '{value}' must be an integer in [{min}, {max}]");
        return v;
    }

    private static bool Bool(string where, string key, string value) => value switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => throw new FormatException($"{where}: {key} '{value}' must be true or false"),
    };
}
