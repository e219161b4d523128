namespace Appliance.Admin.Metrics;

/// <summary>
/// A counter or gauge family: one name, one help line, fixed label names, and children told apart by
/// their label values. A child is pushed (<see cref="Counter(string[])"/>, <see cref="Gauge(string[])"/>) or
/// pulled (<see cref="Observe"/>: the function runs at every exposition, on the thread that asks).
/// </summary>
public sealed class MetricFamily
{
    private sealed record Child(string[] LabelValues, Counter? Counter, Gauge? Gauge, Func<double>? Read);

    private readonly Lock _lock = new();
    private readonly List<Child> _children = new();
    private readonly string[] _labelNames;

    internal MetricFamily(string name, string help, MetricType type, string[] labelNames)
    {
        if (type == MetricType.Summary) throw new ArgumentException("summaries come from a collector (see LatencyTracker.RegisterMetrics)", nameof(type));
        MetricNames.Validate(name, type, labelNames);
        Name = name;
        Help = help ?? throw new ArgumentNullException(nameof(help));
        Type = type;
        _labelNames = labelNames;
    }

    public string Name { get; }
    public string Help { get; }
    public MetricType Type { get; }
    public IReadOnlyList<string> LabelNames => _labelNames;

    /// <summary>The pushed counter for these label values (created on first use).</summary>
    public Counter Counter(params string[] labelValues)
    {
        if (Type != MetricType.Counter) throw new InvalidOperationException($"'{Name}' is a {Type}, not a counter");
        return GetOrAdd(labelValues, () => new Child(labelValues, new Counter(), null, null)).Counter!;
    }

    /// <summary>The pushed gauge for these label values (created on first use).</summary>
    public Gauge Gauge(params string[] labelValues)
    {
        if (Type != MetricType.Gauge) throw new InvalidOperationException($"'{Name}' is a {Type}, not a gauge");
        return GetOrAdd(labelValues, () => new Child(labelValues, null, new Gauge(), null)).Gauge!;
    }

    /// <summary>A pulled child: <paramref name="read"/> is called at each exposition. <exception cref="ArgumentException">These label values exist already.</exception></summary>
    public void Observe(string[] labelValues, Func<double> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        CheckLabels(labelValues);
        lock (_lock)
        {
            if (Find(labelValues) is not null) throw new ArgumentException($"'{Name}' already has a child {Describe(labelValues)}", nameof(labelValues));
            _children.Add(new Child((string[])labelValues.Clone(), null, null, read));
        }
    }

    internal void Write(PrometheusTextWriter writer)
    {
        Child[] children;
        lock (_lock) children = [.. _children];
        writer.BeginFamily(Name, Help, Type);
        foreach (var c in children)
        {
            if (c.Counter is { } counter) writer.WriteSample(Name, _labelNames, c.LabelValues, counter.Value);
            else if (c.Gauge is { } gauge) writer.WriteSample(Name, _labelNames, c.LabelValues, gauge.Value);
            else writer.WriteSample(Name, _labelNames, c.LabelValues, c.Read!());
        }
    }

    private Child GetOrAdd(string[] labelValues, Func<Child> create)
    {
        CheckLabels(labelValues);
        lock (_lock)
        {
            if (Find(labelValues) is { } existing)
            {
                if (existing.Read is not null) throw new ArgumentException($"'{Name}' child {Describe(labelValues)} is a pulled one", nameof(labelValues));
                return existing;
            }
            var child = create() with { LabelValues = (string[])labelValues.Clone() };
            _children.Add(child);
            return child;
        }
    }

    private Child? Find(string[] labelValues)
    {
        foreach (var c in _children)
            if (c.LabelValues.AsSpan().SequenceEqual(labelValues)) return c;
        return null;
    }

    private void CheckLabels(string[] labelValues)
    {
        ArgumentNullException.ThrowIfNull(labelValues);
        if (labelValues.Length != _labelNames.Length)
            throw new ArgumentException($"'{Name}' has labels ({string.Join(", ", _labelNames)}); got {labelValues.Length} values", nameof(labelValues));
        foreach (string v in labelValues) ArgumentNullException.ThrowIfNull(v, nameof(labelValues));
    }

    private string Describe(string[] values) => "{" + string.Join(",", _labelNames.Select((n, i) => $"{n}=\"{values[i]}\"")) + "}";
}
