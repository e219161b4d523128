using Appliance.Hosting.Config;
using Appliance.Hosting.Threads;
using Appliance.Primitives.Host;
using Appliance.Primitives.Threading;

namespace Appliance.Hosting.Tests.Threads;

public class HostPreflightTests
{
    private static HostInfo Host(string isolated = "", bool fifo = false, string thp = "madvise", string governor = "performance") => new()
    {
        Hostname = "box", KernelRelease = "6.1", CpuModel = "x", LogicalCpus = 4, OnlineCpus = CpuSet.Parse("0-3"),
        IsolatedCpus = isolated.Length == 0 ? CpuSet.Empty : CpuSet.Parse(isolated), NohzFullCpus = CpuSet.Empty, RcuNocbsCpus = CpuSet.Empty,
        KernelCommandLine = "", ThreadAffinity = CpuSet.Parse("0-3"), ThreadPolicy = SchedulingPolicy.Other, ThreadPriority = 0,
        FifoPermitted = fifo, FifoDetail = fifo ? "" : "EPERM", MlockallPermitted = false, MemlockLimitBytes = 65536,
        CapSysNice = fifo, CapIpcLock = false, Clocksource = "tsc", AvailableClocksources = "tsc hpet", ConstantTsc = true, NonstopTsc = true,
        Governors = new Dictionary<int, string> { [0] = "performance", [1] = "performance", [2] = governor, [3] = "performance" },
        TransparentHugePages = thp, TransparentHugePagesDefrag = "madvise",
    };

    [Test]
    public void A_well_tuned_host_passes_every_check()
    {
        var threads = new ThreadsConfig(new HotThreadConfig("2-3", 50), RequireIsolatedCpus: true, RequireFifo: true);
        var checks = HostPreflight.Check(Host(isolated: "2-3", fifo: true), threads, CpuSet.Parse("2-3"));
        Assert.That(checks.Where(c => !c.Ok), Is.Empty, string.Join("; ", checks));
    }

    [Test]
    public void Each_shortcoming_is_a_warning_unless_the_config_requires_it()
    {
        var relaxed = new ThreadsConfig(new HotThreadConfig("2", 50), Mlockall: true);
        var checks = HostPreflight.Check(Host(thp: "always", governor: "powersave"), relaxed, CpuSet.Parse("2"));
        Assert.That(checks.Where(c => !c.Ok).Select(c => c.Name), Is.EquivalentTo(new[] { "isolation", "governor", "thp", "fifo", "mlockall" }));
        Assert.That(checks.Any(c => c.IsError), Is.False);
        Assert.That(checks.First(c => c.Name == "governor").Detail, Does.Contain("CPUs 2"));

        var strict = relaxed with { RequireIsolatedCpus = true, RequireFifo = true, RequireMlockall = true };
        var errors = HostPreflight.Check(Host(), strict, CpuSet.Parse("2")).Where(c => c.IsError).Select(c => c.Name);
        Assert.That(errors, Is.EquivalentTo(new[] { "isolation", "fifo", "mlockall" }));
    }

    [Test]
    public void A_hot_cpu_the_host_does_not_have_is_reported()
    {
        var checks = HostPreflight.Check(Host(), new ThreadsConfig(new HotThreadConfig("9")), CpuSet.Parse("9"));
        Assert.That(checks.First(c => c.Name == "pinning").Detail, Does.Contain("CPU 9 is not online"));
    }
}
