namespace Appliance.Admin.Metrics;

/// <summary>The Prometheus metric types we write (the <c># TYPE</c> line).</summary>
public enum MetricType
{
    Counter,
    Gauge,
    Summary,
}
