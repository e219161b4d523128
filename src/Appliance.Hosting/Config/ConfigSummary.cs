namespace Appliance.Hosting.Config;

/// <summary>One line on what a valid config will run, for check-config and the start-up log.</summary>
public static class ConfigSummary
{
    public static string Describe(LoadedConfig loaded)
    {
        ApplianceConfig c = loaded.Require();
        var parts = new List<string>
        {
            c.Session is { } s ? $"session {s.Open}-{s.Close} {s.TimeZone}" : "no session (runs until stopped)",
            $"on stop: {c.Shutdown.OnStop.ToString().ToLowerInvariant()} within {c.Shutdown.StopTimeoutSeconds} s",
            $"admin socket {c.Admin.SocketPath}",
            $"{loaded.Secrets.Count} secret{(loaded.Secrets.Count == 1 ? "" : "s")}",
        };
        return string.Join(", ", parts);
    }
}
