using Appliance.Hosting.Secrets;

namespace Appliance.Hosting.Config;

/// <summary>The outcome of loading a config file: the config when valid, every error and warning, the secrets.</summary>
public sealed class LoadedConfig
{
    public required string SourcePath { get; init; }

    /// <summary>Null when <see cref="Errors"/> is not empty.</summary>
    public ApplianceConfig? Config { get; init; }

    public required IReadOnlyList<ConfigError> Errors { get; init; }

    public required IReadOnlyList<ConfigError> Warnings { get; init; }

    public SecretStore Secrets { get; init; } = SecretStore.Empty;

    public bool IsValid => Errors.Count == 0 && Config is not null;

    /// <summary>The config, or an exception listing every error.</summary>
    public ApplianceConfig Require() => IsValid ? Config! : throw new ConfigException(SourcePath, Errors);
}
