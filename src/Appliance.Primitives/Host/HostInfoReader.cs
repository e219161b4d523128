using System.Globalization;
using Appliance.Primitives.Threading;

namespace Appliance.Primitives.Host;

/// <summary>
/// Reads <see cref="HostInfo"/> from /proc and /sys under <paramref name="root"/> (a test can point it at a
/// copy of those trees); thread placement and privileges always come from the live process.
/// </summary>
public static class HostInfoReader
{
    private const int CapSysNiceBit = 23;
    private const int CapIpcLockBit = 14;

    public static HostInfo Read(string root = "/")
    {
        string P(string path) => Path.Combine(root, path.TrimStart('/'));
        string? Text(string path) { try { return File.ReadAllText(P(path)).Trim(); } catch (IOException) { return null; } catch (UnauthorizedAccessException) { return null; } }
        CpuSet Cpus(string? list) => list is not null && CpuSet.TryParse(list, out var s, out _) ? s : CpuSet.Empty;

        string? cpuinfo = Text("/proc/cpuinfo");
        string? model = CpuinfoField(cpuinfo, "model name") ?? CpuinfoField(cpuinfo, "Model");
        var flags = (CpuinfoField(cpuinfo, "flags") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        string? cmdline = Text("/proc/cmdline");
        var online = Cpus(Text("/sys/devices/system/cpu/online"));

        var nohz = Cpus(Text("/sys/devices/system/cpu/nohz_full"));
        if (nohz.IsEmpty) nohz = Cpus(CommandLineValue(cmdline, "nohz_full"));

        var governors = new SortedDictionary<int, string>();
        foreach (int cpu in online.Cpus)
            if (Text($"/sys/devices/system/cpu/cpu{cpu}/cpufreq/scaling_governor") is { } g) governors[cpu] = g;

        var (effective, _) = Capabilities(Text("/proc/self/status"));
        bool capIpcLock = (effective & (1UL << CapIpcLockBit)) != 0;
        bool capSysNice = (effective & (1UL << CapSysNiceBit)) != 0;
        ulong? memlock = ThreadScheduling.MemlockLimit;
        var (policy, priority) = ThreadScheduling.GetCurrentThreadPolicy();
        var (fifoOk, fifoDetail) = ProbeFifo();

        return new HostInfo
        {
            Hostname = Environment.MachineName,
            KernelRelease = Text("/proc/sys/kernel/osrelease"),
            CpuModel = model,
            LogicalCpus = online.IsEmpty ? Environment.ProcessorCount : online.Count,
            OnlineCpus = online,
            IsolatedCpus = Cpus(Text("/sys/devices/system/cpu/isolated")),
            NohzFullCpus = nohz,
            RcuNocbsCpus = Cpus(CommandLineValue(cmdline, "rcu_nocbs")),
            KernelCommandLine = cmdline,
            ThreadAffinity = CpuAffinity.GetCurrentThreadAffinity(),
            ThreadPolicy = policy,
            ThreadPriority = priority,
            FifoPermitted = fifoOk,
            FifoDetail = fifoDetail,
            MlockallPermitted = capIpcLock || memlock is null,
            MemlockLimitBytes = memlock,
            CapSysNice = capSysNice,
            CapIpcLock = capIpcLock,
            Clocksource = Text("/sys/devices/system/clocksource/clocksource0/current_clocksource"),
            AvailableClocksources = Text("/sys/devices/system/clocksource/clocksource0/available_clocksource"),
            ConstantTsc = flags.Contains("constant_tsc"),
            NonstopTsc = flags.Contains("nonstop_tsc"),
            Governors = governors,
            TransparentHugePages = Bracketed(Text("/sys/kernel/mm/transparent_hugepage/enabled")),
            TransparentHugePagesDefrag = Bracketed(Text("/sys/kernel/mm/transparent_hugepage/defrag")),
        };
    }

    /// <summary>The first "key : value" line of /proc/cpuinfo for <paramref name="key"/>.</summary>
    internal static string? CpuinfoField(string? cpuinfo, string key)
    {
        if (cpuinfo is null) return null;
        foreach (string line in cpuinfo.Split('\n'))
        {
            int colon = line.IndexOf(':');
            if (colon > 0 && line[..colon].Trim() == key) return line[(colon + 1)..].Trim();
        }
        return null;
    }

    /// <summary>Value of "name=value" on the kernel command line; the last one wins, as in the kernel.</summary>
    internal static string? CommandLineValue(string? cmdline, string name)
    {
        string? value = null;
        if (cmdline is null) return null;
        foreach (string arg in cmdline.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (arg == "--") break; // what follows belongs to init
            if (arg.StartsWith(name + "=", StringComparison.Ordinal)) value = arg[(name.Length + 1)..];
        }
        return value;
    }

    /// <summary>"always [madvise] never" → "madvise".</summary>
    internal static string? Bracketed(string? text)
    {
        if (text is null) return null;
        int open = text.IndexOf('['), close = text.IndexOf(']');
        return open >= 0 && close > open ? text[(open + 1)..close] : text;
    }

    private static (ulong Effective, ulong Permitted) Capabilities(string? status)
    {
        ulong eff = 0, prm = 0;
        foreach (string line in (status ?? "").Split('\n'))
        {
            if (line.StartsWith("CapEff:")) ulong.TryParse(line[7..].Trim(), NumberStyles.HexNumber, null, out eff);
            if (line.StartsWith("CapPrm:")) ulong.TryParse(line[7..].Trim(), NumberStyles.HexNumber, null, out prm);
        }
        return (eff, prm);
    }

    /// <summary>Asks for SCHED_FIFO on a throwaway thread: the only answer that accounts for caps, rlimits and cgroups alike.</summary>
    private static (bool Ok, string Detail) ProbeFifo()
    {
        OsResult result = default;
        var t = new Thread(() =>
        {
            result = ThreadScheduling.SetCurrentThreadPolicy(SchedulingPolicy.Fifo, 1);
            if (result.Ok) ThreadScheduling.SetCurrentThreadPolicy(SchedulingPolicy.Other, 0);
        }) { Name = "fifo-probe", IsBackground = true };
        t.Start();
        t.Join();
        return result.Ok ? (true, "granted (probe thread at priority 1)") : (false, result.Error);
    }
}
