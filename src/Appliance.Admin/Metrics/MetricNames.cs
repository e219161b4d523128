namespace Appliance.Admin.Metrics;

/// <summary>Prometheus naming rules, checked when a metric is registered so a bad name fails at start, not at scrape.</summary>
public static class MetricNames
{
    /// <summary><c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>.</summary>
    public static bool IsValidMetricName(string name)
    {
        if (string.IsNullOrEmpty(name)) return false;
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            bool ok = char.IsAsciiLetter(c) || c is '_' or ':' || (i > 0 && char.IsAsciiDigit(c));
            if (!ok) return false;
        }
        return true;
    }

    /// <summary><c>[a-zA-Z_][a-zA-Z0-9_]*</c>, not starting with <c>__</c> (reserved) and not <c>quantile</c>/<c>le</c> (used by summaries and histograms).</summary>
    public static bool IsValidLabelName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.StartsWith("__", StringComparison.Ordinal) || name is "quantile" or "le") return false;
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            bool ok = char.IsAsciiLetter(c) || c == '_' || (i > 0 && char.IsAsciiDigit(c));
            if (!ok) return false;
        }
        return true;
    }

    internal static void Validate(string name, MetricType type, IReadOnlyList<string> labelNames)
    {
        if (!IsValidMetricName(name)) throw new ArgumentException($"metric name '{name}' is not [a-zA-Z_:][a-zA-Z0-9_:]*", nameof(name));
        // promtool's lint and every Prometheus convention: counters end in _total, nothing else does.
        if (type == MetricType.Counter && !name.EndsWith("_total", StringComparison.Ordinal))
            throw new ArgumentException($"counter '{name}' must end in _total", nameof(name));
        if (type != MetricType.Counter && name.EndsWith("_total", StringComparison.Ordinal))
            throw new ArgumentException($"{type.ToString().ToLowerInvariant()} '{name}' must not end in _total (that suffix means a counter)", nameof(name));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string label in labelNames)
        {
            if (!IsValidLabelName(label)) throw new ArgumentException($"metric '{name}': label name '{label}' is not [a-zA-Z_][a-zA-Z0-9_]* (or is reserved)", nameof(labelNames));
            if (!seen.Add(label)) throw new ArgumentException($"metric '{name}': label '{label}' appears twice", nameof(labelNames));
        }
    }
}
