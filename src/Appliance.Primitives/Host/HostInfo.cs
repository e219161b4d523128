using Appliance.Primitives.Threading;

namespace Appliance.Primitives.Host;

/// <summary>
/// The facts about a box that decide whether a hot thread can run undisturbed: the preflight an operator
/// runs on a colocated machine (`appliance sysinfo`), and the source of the daemon's placement warnings.
/// Values the kernel does not expose here are null ("unavailable"), never guessed.
/// </summary>
public sealed record HostInfo
{
    public required string Hostname { get; init; }
    public required string? KernelRelease { get; init; }
    public required string? CpuModel { get; init; }
    public required int LogicalCpus { get; init; }
    public required CpuSet OnlineCpus { get; init; }
    public required CpuSet IsolatedCpus { get; init; }
    public required CpuSet NohzFullCpus { get; init; }
    public required CpuSet RcuNocbsCpus { get; init; }
    public required string? KernelCommandLine { get; init; }
    public required CpuSet ThreadAffinity { get; init; }
    public required SchedulingPolicy ThreadPolicy { get; init; }
    public required int ThreadPriority { get; init; }
    public required bool FifoPermitted { get; init; }
    public required string FifoDetail { get; init; }
    public required bool MlockallPermitted { get; init; }
    /// <summary>RLIMIT_MEMLOCK in bytes; null = unlimited.</summary>
    public required ulong? MemlockLimitBytes { get; init; }
    public required bool CapSysNice { get; init; }
    public required bool CapIpcLock { get; init; }
    public required string? Clocksource { get; init; }
    public required string? AvailableClocksources { get; init; }
    public required bool ConstantTsc { get; init; }
    public required bool NonstopTsc { get; init; }
    public bool InvariantTsc => ConstantTsc && NonstopTsc;
    /// <summary>Governor per online CPU; empty when cpufreq is not exposed (VMs, some BIOS settings).</summary>
    public required IReadOnlyDictionary<int, string> Governors { get; init; }
    public required string? TransparentHugePages { get; init; }
    public required string? TransparentHugePagesDefrag { get; init; }

    /// <summary>What stands between this box and quiet hot cores, one sentence each.</summary>
    public IReadOnlyList<string> Warnings(CpuSet? hotCpus = null)
    {
        var w = new List<string>();
        if (IsolatedCpus.IsEmpty)
            w.Add("no isolated CPUs (isolcpus= / cpuset): hot threads share cores with the rest of the system");
        else if (hotCpus is not null && !hotCpus.IsSubsetOf(IsolatedCpus))
            w.Add($"hot CPUs {hotCpus} are not all isolated (isolated: {IsolatedCpus})");
        if (!IsolatedCpus.IsEmpty && !IsolatedCpus.IsSubsetOf(NohzFullCpus))
            w.Add($"isolated CPUs {IsolatedCpus} are not all nohz_full (nohz_full: {(NohzFullCpus.IsEmpty ? "none" : NohzFullCpus)})");
        if (Clocksource is not null && Clocksource != "tsc")
            w.Add($"clocksource is {Clocksource}, not tsc: every timestamp costs more");
        if (!InvariantTsc) w.Add("the CPU does not report an invariant TSC (constant_tsc and nonstop_tsc)");
        var notPerformance = Governors.Where(g => g.Value != "performance").Select(g => g.Key).ToArray();
        if (notPerformance.Length > 0)
            w.Add($"CPU frequency governor is not 'performance' on CPUs {new CpuSet(notPerformance)}");
        if (TransparentHugePages == "always")
            w.Add("transparent huge pages are 'always': khugepaged compaction stalls; use 'madvise' or 'never'");
        if (!FifoPermitted) w.Add($"SCHED_FIFO is not permitted: {FifoDetail}");
        if (!MlockallPermitted) w.Add($"mlockall is not permitted (no CAP_IPC_LOCK, RLIMIT_MEMLOCK {MemlockLimitBytes} bytes)");
        return w;
    }
}
