using System.Text.Json;

namespace Appliance.Admin.Answers;

/// <summary>
/// The answer to <c>health</c>, built by the host from its snapshots: one check per concern, the overall
/// status the worst of them, the reasons the details of every check that is not ok.
/// <code>
/// var report = new HealthReport();
/// report.Add("feed binance-1", age &lt; 5s ? HealthStatus.Ok : HealthStatus.Failing, $"last event {age} ago");
/// report.WriteTo(ctx.Json);
/// </code>
/// </summary>
public sealed class HealthReport
{
    private readonly List<HealthCheck> _checks = new();

    public IReadOnlyList<HealthCheck> Checks => _checks;

    /// <summary>The worst status of any check; ok when there are none.</summary>
    public HealthStatus Status
    {
        get
        {
            var worst = HealthStatus.Ok;
            foreach (var c in _checks)
                if (c.Status > worst) worst = c.Status;
            return worst;
        }
    }

    public HealthReport Add(string name, HealthStatus status, string detail)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _checks.Add(new HealthCheck(name, status, detail ?? ""));
        return this;
    }

    public HealthReport Ok(string name, string detail) => Add(name, HealthStatus.Ok, detail);
    public HealthReport Degraded(string name, string reason) => Add(name, HealthStatus.Degraded, reason);
    public HealthReport Failing(string name, string reason) => Add(name, HealthStatus.Failing, reason);

    /// <summary>Writes <c>"status"</c>, <c>"reasons"</c> and <c>"checks"</c> into the open answer object.</summary>
    public void WriteTo(Utf8JsonWriter json)
    {
        json.WriteString("status", Name(Status));
        json.WriteStartArray("reasons");
        foreach (var c in _checks)
            if (c.Status != HealthStatus.Ok) json.WriteStringValue($"{c.Name}: {c.Detail}");
        json.WriteEndArray();
        json.WriteStartArray("checks");
        foreach (var c in _checks)
        {
            json.WriteStartObject();
            json.WriteString("check", c.Name);
            json.WriteString("status", Name(c.Status));
            json.WriteString("detail", c.Detail);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>The protocol's word for a status: ok, degraded, failing.</summary>
    public static string Name(HealthStatus status) => status switch
    {
        HealthStatus.Ok => "ok",
        HealthStatus.Degraded => "degraded",
        _ => "failing",
    };
}
