namespace Appliance.Hosting.Config;

/// <summary>One mistake in the configuration: where (a JSON path such as <c>$.threads.strategy.cpus</c>) and what.</summary>
public sealed record ConfigError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
