namespace Appliance.Hosting.Lifecycle;

/// <summary>The daemon could not start; <see cref="ExitCode"/> says why in sysexits terms, the message in words.</summary>
public sealed class DaemonStartException(int exitCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}
