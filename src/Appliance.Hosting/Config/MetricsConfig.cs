namespace Appliance.Hosting.Config;

/// <summary>The `metrics` section: a node_exporter textfile-collector file written atomically every N seconds.</summary>
/// <param name="TextfilePath">e.g. /var/lib/prometheus/node-exporter/appliance.prom; null writes no file (`ctl metrics` still answers).</param>
public sealed record MetricsConfig(string? TextfilePath = null, int IntervalSeconds = 15);
