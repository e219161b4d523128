namespace Appliance.Primitives.Threading;

/// <summary>What a pinned thread actually got, read back from the kernel after the requests.</summary>
public sealed record PinnedThreadReport(
    string Name,
    int ThreadId,
    CpuSet Affinity,
    SchedulingPolicy Policy,
    int Priority,
    IReadOnlyList<OsResult> Requests,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Errors)
{
    /// <summary>False when a required request failed; the body was then not run.</summary>
    public bool Started => Errors.Count == 0;

    public override string ToString() =>
        $"{Name}: tid {ThreadId}, CPUs {Affinity}, SCHED_{Policy.ToString().ToUpperInvariant()} {Priority}" +
        (Warnings.Count > 0 ? $"; warnings: {string.Join("; ", Warnings)}" : "") +
        (Errors.Count > 0 ? $"; errors: {string.Join("; ", Errors)}" : "");
}
