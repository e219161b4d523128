namespace Appliance.Hosting.Config;

/// <summary>Runs every room's section validator over a bound config; the one place that knows all sections.</summary>
internal static class ConfigValidation
{
    /// <param name="pruned">Members the shape check left out: checks that relate sections skip what they cannot see.</param>
    public static void Validate(ApplianceConfig config, ConfigErrors errors, List<ConfigError> warnings, IReadOnlyList<string> pruned)
    {
        HostingConfigValidator.Validate(config, errors, warnings, feedNames: null);
    }
}
