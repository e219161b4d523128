using Appliance.Admin.Metrics;

namespace Appliance.Admin.Server;

public sealed partial class AdminServer
{
    /// <summary>Publishes the server's counters (connections, requests, refusals by reason) as metrics named <c>{prefix}…</c>.</summary>
    public void RegisterMetrics(MetricsRegistry metrics, string prefix = "appliance_admin_")
    {
        metrics.AddCounter(prefix + "connections_total", "Admin socket connections accepted (including refused ones).", () => Counters.Connections);
        metrics.AddGauge(prefix + "active_connections", "Admin socket connections being served now.", () => Counters.ActiveConnections);
        metrics.AddCounter(prefix + "requests_total", "Admin requests received (blank lines and rate-limited ones excluded).", () => Counters.Requests);
        metrics.AddCounter(prefix + "error_answers_total", "Admin requests answered with an error.", () => Counters.Errors);
        var refusals = metrics.AddFamily(prefix + "refusals_total", "Admin clients refused or disconnected, by reason.", MetricType.Counter, "reason");
        refusals.Observe(["too_many_clients"], () => Counters.RefusedTooManyClients);
        refusals.Observe(["forbidden"], () => Counters.Forbidden);
        refusals.Observe(["rate_limited"], () => Counters.RateLimited);
        refusals.Observe(["line_too_long"], () => Counters.LinesTooLong);
        refusals.Observe(["idle_timeout"], () => Counters.IdleTimeouts);
        refusals.Observe(["slow_reader"], () => Counters.SlowReaders);
        metrics.AddCounter(prefix + "internal_errors_total", "Admin commands that failed unexpectedly (details in the log).", () => Counters.InternalErrors);
    }
}
