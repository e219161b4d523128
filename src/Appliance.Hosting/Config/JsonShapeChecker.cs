using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Appliance.Hosting.Config;

/// <summary>
/// Walks a parsed document against the source-generated metadata of the type it must become and reports every
/// unknown key, missing required key, duplicate key, wrong kind of value and unparsable value, each with its
/// JSON path. System.Text.Json stops at the first such problem; an operator fixing a config wants all of them.
/// It also returns a pruned copy without the broken parts (a broken required member takes its parent along),
/// so the values of everything else can still be bound and validated in the same run. Uses only the generated
/// <see cref="JsonTypeInfo"/>: no reflection, AOT-safe.
/// </summary>
internal sealed class JsonShapeChecker(JsonSerializerContext context, ConfigErrors errors)
{
    private readonly List<string> _pruned = new();

    /// <summary>Paths left out of the pruned copy: value checks under them would only see defaults.</summary>
    public IReadOnlyList<string> PrunedPaths => _pruned;

    /// <summary>False when the element cannot become <paramref name="type"/>; otherwise the pruned copy.</summary>
    public bool Check(JsonElement element, Type type, string path, bool nullable, out JsonNode? pruned)
    {
        pruned = null;
        JsonTypeInfo? info = context.GetTypeInfo(type);
        if (info is null)
        {
            errors.Add(path, $"internal: no metadata for {type.Name}");
            return false;
        }
        if (element.ValueKind == JsonValueKind.Null)
        {
            if (nullable || Nullable.GetUnderlyingType(type) is not null) return true;
            errors.Add(path, "must not be null");
            return false;
        }
        return info.Kind switch
        {
            JsonTypeInfoKind.Object => CheckObject(element, info, path, out pruned),
            JsonTypeInfoKind.Enumerable => CheckArray(element, info, path, out pruned),
            JsonTypeInfoKind.Dictionary => CheckDictionary(element, info, path, out pruned),
            _ => CheckValue(element, info, path, out pruned),
        };
    }

    private bool CheckObject(JsonElement element, JsonTypeInfo info, string path, out JsonNode? pruned)
    {
        pruned = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, $"expected an object, found {Describe(element)}");
            return false;
        }
        var byName = new Dictionary<string, JsonPropertyInfo>(StringComparer.Ordinal);
        foreach (JsonPropertyInfo p in info.Properties) byName[p.Name] = p;

        bool ok = true;
        var result = new JsonObject();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty p in element.EnumerateObject())
        {
            string child = ConfigErrors.Child(path, p.Name);
            if (!seen.Add(p.Name))
            {
                errors.Add(child, "appears more than once");
                ok &= !(byName.TryGetValue(p.Name, out JsonPropertyInfo? dup) && IsRequired(dup));
                result.Remove(p.Name);
                _pruned.Add(child);
                continue;
            }
            if (!byName.TryGetValue(p.Name, out JsonPropertyInfo? property))
            {
                string? near = Nearest(p.Name, byName.Keys);
                errors.Add(child, near is null
                    ? $"unknown key (known here: {string.Join(", ", byName.Keys.Order(StringComparer.Ordinal))})"
                    : $"unknown key; did you mean '{near}'?");
                continue;
            }
            bool nullable = property.IsSetNullable || property.AssociatedParameter is { IsNullable: true };
            if (Check(p.Value, property.PropertyType, child, nullable, out JsonNode? value))
                result[p.Name] = value;
            else if (IsRequired(property))
                ok = false;
            else
                _pruned.Add(child);
        }
        foreach (JsonPropertyInfo p in info.Properties)
            if (IsRequired(p) && !seen.Contains(p.Name))
            {
                errors.Add(ConfigErrors.Child(path, p.Name), "is required");
                ok = false;
            }
        pruned = result;
        return ok;
    }

    private bool CheckArray(JsonElement element, JsonTypeInfo info, string path, out JsonNode? pruned)
    {
        pruned = null;
        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add(path, $"expected an array, found {Describe(element)}");
            return false;
        }
        // A bad element fails the whole array: dropping it would shift the indices later messages name.
        bool ok = true;
        var result = new JsonArray();
        int i = 0;
        foreach (JsonElement item in element.EnumerateArray())
        {
            if (Check(item, info.ElementType!, ConfigErrors.Child(path, i++), nullable: false, out JsonNode? value)) result.Add(value);
            else ok = false;
        }
        pruned = result;
        return ok;
    }

    private bool CheckDictionary(JsonElement element, JsonTypeInfo info, string path, out JsonNode? pruned)
    {
        pruned = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, $"expected an object, found {Describe(element)}");
            return false;
        }
        var result = new JsonObject();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty p in element.EnumerateObject())
        {
            string child = ConfigErrors.Child(path, p.Name);
            if (!seen.Add(p.Name))
            {
                errors.Add(child, "appears more than once");
                result.Remove(p.Name);
                _pruned.Add(child);
                continue;
            }
            if (Check(p.Value, info.ElementType!, child, nullable: false, out JsonNode? value)) result[p.Name] = value;
            else _pruned.Add(child);
        }
        pruned = result;
        return true;
    }

    private bool CheckValue(JsonElement element, JsonTypeInfo info, string path, out JsonNode? pruned)
    {
        pruned = null;
        try
        {
            JsonSerializer.Deserialize(element, info);
            pruned = JsonValue.Create(element);
            return true;
        }
        catch (Exception e) when (e is JsonException or FormatException or OverflowException or InvalidOperationException)
        {
            errors.Add(path, $"expected {Expected(info.Type)}, found {Describe(element)}");
            return false;
        }
    }

    /// <summary>A `required` member, or a constructor parameter without a default value.</summary>
    private static bool IsRequired(JsonPropertyInfo p) =>
        p.IsRequired || p.AssociatedParameter is { HasDefaultValue: false, IsMemberInitializer: false };

    private static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(type).Select(n => $"\"{JsonNamingPolicy.CamelCase.ConvertName(n)}\""));
        if (type == typeof(string)) return "a string";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)) return "an integer";
        if (type == typeof(double) || type == typeof(decimal) || type == typeof(float)) return "a number";
        return type.Name;
    }

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"\"{Shorten(e.GetString()!)}\"",
        JsonValueKind.Number => e.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..37] + "...";

    /// <summary>The known key within edit distance 2 (case ignored), for "did you mean".</summary>
    internal static string? Nearest(string key, IEnumerable<string> known)
    {
        string? best = null;
        int bestDistance = 3;
        foreach (string k in known)
        {
            int d = Distance(key.ToLowerInvariant(), k.ToLowerInvariant());
            if (d < bestDistance) (best, bestDistance) = (k, d);
        }
        return best;
    }

    private static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
