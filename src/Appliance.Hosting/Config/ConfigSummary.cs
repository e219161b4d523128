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
            Trading(c),
            $"on stop: {c.Shutdown.OnStop.ToString().ToLowerInvariant()} within {c.Shutdown.StopTimeoutSeconds} s",
            $"admin socket {c.Admin.SocketPath}",
            $"{loaded.Secrets.Count} secret{(loaded.Secrets.Count == 1 ? "" : "s")}",
        };
        return string.Join(", ", parts);
    }

    private static string Trading(ApplianceConfig c)
    {
        if (c.Trading is null) return "no trading (pass-through stage)";
        if (!c.Trading.Enabled) return "trading disabled (pass-through stage)";
        string gateway = c.Trading.Gateway == Appliance.Trading.Config.GatewayKind.Venue ? $"venue {c.Trading.Venue?.Url}" : "paper";
        return $"trading {c.Strategy?.Name} on {string.Join("/", c.Strategy?.Instruments ?? [])} via {gateway}";
    }
}
