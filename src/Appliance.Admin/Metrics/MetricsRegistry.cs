using System.Buffers;
using System.Text;
using Appliance.Admin.Commands;

namespace Appliance.Admin.Metrics;

/// <summary>
/// Every metric the daemon exposes, written on demand in the Prometheus text format 0.0.4 — for the
/// <c>metrics</c> verb and the node_exporter textfile (<see cref="TextfileExporter"/>), so Prometheus scrapes
/// the box without a network listener in the trading process. Families are written in registration order.
/// Register at start-up; expositions may run on any number of threads at once.
/// </summary>
public sealed class MetricsRegistry
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private volatile object[] _entries = []; // MetricFamily or Action<PrometheusTextWriter>
    private long _collectorErrors;

    /// <summary>Expositions in which a collector or pull function threw (its family was left out; the others were written).</summary>
    public long CollectorErrors => Interlocked.Read(ref _collectorErrors);

    /// <summary>The last such failure, for <c>health</c> or a log line.</summary>
    public string? LastCollectorError { get; private set; }

    /// <summary>A family of counters or gauges with labels. <exception cref="ArgumentException">Bad or duplicate name, bad label names.</exception></summary>
    public MetricFamily AddFamily(string name, string help, MetricType type, params string[] labelNames)
    {
        var family = new MetricFamily(name, help, type, labelNames);
        Add(name, family);
        return family;
    }

    /// <summary>An unlabelled pushed counter.</summary>
    public Counter AddCounter(string name, string help) => AddFamily(name, help, MetricType.Counter).Counter();

    /// <summary>An unlabelled counter read from <paramref name="read"/> at each exposition (a hot thread's own counter).</summary>
    public void AddCounter(string name, string help, Func<double> read) => AddFamily(name, help, MetricType.Counter).Observe([], read);

    /// <summary>An unlabelled pushed gauge.</summary>
    public Gauge AddGauge(string name, string help) => AddFamily(name, help, MetricType.Gauge).Gauge();

    /// <summary>An unlabelled gauge read from <paramref name="read"/> at each exposition.</summary>
    public void AddGauge(string name, string help, Func<double> read) => AddFamily(name, help, MetricType.Gauge).Observe([], read);

    /// <summary>
    /// Free-form: <paramref name="collect"/> writes whole families (summaries, children that come and go)
    /// at each exposition. Names it writes must not clash with registered ones (the writer refuses a family twice).
    /// </summary>
    public void AddCollector(Action<PrometheusTextWriter> collect)
    {
        ArgumentNullException.ThrowIfNull(collect);
        lock (_lock) _entries = [.. _entries, collect];
    }

    /// <summary>The exposition as UTF-8 text.</summary>
    public byte[] Collect()
    {
        var buffer = new ByteBuffer(16 * 1024);
        WriteTo(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The exposition as a string.</summary>
    public string CollectText() => Encoding.UTF8.GetString(Collect());

    /// <summary>Writes the exposition into <paramref name="output"/>.</summary>
    public void WriteTo(IBufferWriter<byte> output)
    {
        var buffer = new ByteBuffer(16 * 1024);
        WriteTo(buffer);
        output.Write(buffer.WrittenSpan);
    }

    /// <summary>The handler of <c>metrics</c> (register with <see cref="StandardVerbs.Metrics"/>): the exposition as the <c>text</c> property.</summary>
    public AdminCommandHandler CreateCommand() => ctx =>
    {
        ctx.Json.WriteString("content_type", "text/plain; version=0.0.4; charset=utf-8");
        ctx.Json.WriteString("text", Collect());
    };

    private void WriteTo(ByteBuffer buffer)
    {
        var writer = new PrometheusTextWriter(buffer);
        foreach (object entry in _entries)
        {
            var checkpoint = writer.Checkpoint();
            try
            {
                if (entry is MetricFamily family) family.Write(writer);
                else ((Action<PrometheusTextWriter>)entry)(writer);
            }
            catch (Exception e)
            {
                // One broken source must not cost the whole exposition (and the operator every metric).
                writer.Rollback(checkpoint);
                Interlocked.Increment(ref _collectorErrors);
                LastCollectorError = $"{(entry is MetricFamily f ? f.Name : "collector")}: {e.GetType().Name}: {e.Message}";
            }
        }
    }

    private void Add(string name, object entry)
    {
        lock (_lock)
        {
            if (!_names.Add(name)) throw new ArgumentException($"metric '{name}' is already registered", nameof(name));
            _entries = [.. _entries, entry];
        }
    }
}
