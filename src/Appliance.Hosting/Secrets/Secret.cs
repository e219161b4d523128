namespace Appliance.Hosting.Secrets;

/// <summary>
/// A secret value (an API key). Prints as <c>[redacted]</c> wherever it ends up by accident (logs, exceptions,
/// string interpolation); the value comes out only through <see cref="Reveal"/>, at the one place that needs it.
/// </summary>
public sealed class Secret(string name, string value, string source)
{
    public string Name { get; } = name;

    /// <summary>Where it came from ("credential", "secretsFile"): safe to show.</summary>
    public string Source { get; } = source;

    public string Reveal() => value;

    public int Length => value.Length;

    public override string ToString() => "[redacted]";
}
