using System.Text.Json.Serialization;

namespace Appliance.Hosting.Config;

/// <summary>
/// The root of /etc/appliance/appliance.json. Loaded once by <see cref="ConfigLoader"/>, validated as a whole
/// (every mistake reported at once, each with its JSON path) and never changed afterwards: positional records
/// and read-only collections. docs/config.md documents every key.
/// </summary>
/// <param name="Schema">Editors' schema reference ("$schema"); ignored.</param>
/// <param name="Session">Trading hours; null runs until stopped (24/7 venues).</param>
/// <param name="SecretsFile">JSON file of named secrets (mode 0600 or stricter); systemd credentials are read too.</param>
public sealed record ApplianceConfig(
    [property: JsonPropertyName("$schema")] string? Schema = null,
    LoggingConfig? Logging = null,
    AdminConfig? Admin = null,
    ThreadsConfig? Threads = null,
    SessionConfig? Session = null,
    ShutdownConfig? Shutdown = null,
    MetricsConfig? Metrics = null,
    SystemdConfig? Systemd = null,
    string? SecretsFile = null)
{
    public LoggingConfig Logging { get; init; } = Logging ?? new();
    public AdminConfig Admin { get; init; } = Admin ?? new();
    public ThreadsConfig Threads { get; init; } = Threads ?? new();
    public ShutdownConfig Shutdown { get; init; } = Shutdown ?? new();
    public MetricsConfig Metrics { get; init; } = Metrics ?? new();
    public SystemdConfig Systemd { get; init; } = Systemd ?? new();
}
