namespace Appliance.Primitives.Threading;

/// <summary>How a dedicated hot thread should be placed. Everything optional; "Require*" turns a warning into a failure.</summary>
public sealed record PinnedThreadOptions
{
    public required string Name { get; init; }

    /// <summary>CPUs to pin to (normally one isolated core); null leaves affinity alone.</summary>
    public CpuSet? Cpus { get; init; }

    public SchedulingPolicy Policy { get; init; } = SchedulingPolicy.Other;

    /// <summary>1..99 for <see cref="SchedulingPolicy.Fifo"/> and <see cref="SchedulingPolicy.RoundRobin"/>; 0 otherwise.</summary>
    public int Priority { get; init; }

    /// <summary>When pinning fails (no such CPU, not permitted), do not run the body.</summary>
    public bool RequirePinning { get; init; }

    /// <summary>When the policy cannot be set (typically EPERM without CAP_SYS_NICE), do not run the body.</summary>
    public bool RequirePolicy { get; init; }

    /// <summary>Stack size in bytes; 0 for the runtime default.</summary>
    public int StackSize { get; init; }
}
