using Appliance.Hosting.Config;
using Appliance.Primitives.Host;
using Appliance.Primitives.Threading;

namespace Appliance.Hosting.Threads;

/// <summary>
/// What the host does for the configured hot threads: isolated CPUs, frequency governor, transparent huge
/// pages, clocksource, and the privileges the config asks for (SCHED_FIFO, mlockall). Each a
/// <see cref="PlacementCheck"/>; those the config requires fail the start when they do not hold.
/// </summary>
public static class HostPreflight
{
    public static IReadOnlyList<PlacementCheck> Check(HostInfo host, ThreadsConfig threads, CpuSet hotCpus)
    {
        var checks = new List<PlacementCheck>();
        if (hotCpus.IsEmpty)
            checks.Add(new("pinning", false, threads.RequirePinning, "no hot thread is pinned (threads.strategy.cpus, feeds[].cpu)"));
        else
        {
            foreach (int cpu in hotCpus.Cpus)
                if (!host.OnlineCpus.Contains(cpu))
                    checks.Add(new("pinning", false, threads.RequirePinning, $"CPU {cpu} is not online here (online: {host.OnlineCpus})"));
            bool isolated = !host.IsolatedCpus.IsEmpty && hotCpus.IsSubsetOf(host.IsolatedCpus);
            checks.Add(new("isolation", isolated, threads.RequireIsolatedCpus, isolated
                ? $"hot CPUs {hotCpus} are isolated"
                : $"hot CPUs {hotCpus} are not all isolated (isolated: {(host.IsolatedCpus.IsEmpty ? "none" : host.IsolatedCpus)}): other tasks may run there"));
        }

        var slow = host.Governors.Where(g => hotCpus.IsEmpty || hotCpus.Contains(g.Key)).Where(g => g.Value != "performance").Select(g => g.Key).ToArray();
        if (host.Governors.Count > 0)
            checks.Add(new("governor", slow.Length == 0, false, slow.Length == 0
                ? "CPU frequency governor is 'performance'"
                : $"CPU frequency governor is not 'performance' on CPUs {new CpuSet(slow)}"));
        if (host.TransparentHugePages is { } thp)
            checks.Add(new("thp", thp != "always", false, thp == "always"
                ? "transparent huge pages are 'always': khugepaged compaction can stall a hot thread; use 'madvise' or 'never'"
                : $"transparent huge pages: {thp}"));
        if (host.Clocksource is { } cs)
            checks.Add(new("clocksource", cs == "tsc", false, cs == "tsc" ? "clocksource is tsc" : $"clocksource is {cs}, not tsc: every timestamp costs more"));

        bool wantsFifo = threads.Strategy.FifoPriority > 0 || threads.FeedFifoPriority > 0;
        if (wantsFifo || threads.RequireFifo)
            checks.Add(new("fifo", host.FifoPermitted, threads.RequireFifo, host.FifoPermitted
                ? "SCHED_FIFO is permitted"
                : $"SCHED_FIFO is not permitted: {host.FifoDetail} (systemd: AmbientCapabilities=CAP_SYS_NICE)"));
        if (threads.Mlockall)
            checks.Add(new("mlockall", host.MlockallPermitted, threads.RequireMlockall, host.MlockallPermitted
                ? "mlockall is permitted"
                : $"mlockall is not permitted (no CAP_IPC_LOCK, RLIMIT_MEMLOCK {host.MemlockLimitBytes} bytes)"));
        return checks;
    }
}
