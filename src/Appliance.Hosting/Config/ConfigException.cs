namespace Appliance.Hosting.Config;

/// <summary>Thrown by <see cref="LoadedConfig.Require"/>; the message lists every error, one per line.</summary>
public sealed class ConfigException(string source, IReadOnlyList<ConfigError> errors)
    : Exception($"{source}: {errors.Count} error(s) in the configuration:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors))
{
    public IReadOnlyList<ConfigError> Errors { get; } = errors;
}
