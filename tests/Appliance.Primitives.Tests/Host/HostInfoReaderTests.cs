using Appliance.Primitives.Host;
using Appliance.Primitives.Threading;

namespace Appliance.Primitives.Tests.Host;

public class HostInfoReaderTests
{
    private string _root = "";

    [SetUp]
    public void MakeFakeProcAndSys()
    {
        _root = Directory.CreateTempSubdirectory("hostinfo-").FullName;
        void Put(string path, string text)
        {
            string full = Path.Combine(_root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
        Put("proc/cpuinfo", "processor\t: 0\nmodel name\t: Intel(R) Xeon(R) Gold 6354 CPU @ 3.00GHz\nflags\t\t: fpu tsc constant_tsc nonstop_tsc rdtscp\n\nprocessor\t: 1\n");
        Put("proc/cmdline", "BOOT_IMAGE=/vmlinuz isolcpus=2-3 nohz_full=2-3 rcu_nocbs=2-3 quiet -- nohz_full=9\n");
        Put("proc/sys/kernel/osrelease", "6.1.0-28-amd64\n");
        Put("sys/devices/system/cpu/online", "0-3\n");
        Put("sys/devices/system/cpu/isolated", "2-3\n");
        Put("sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", "powersave\n");
        Put("sys/devices/system/cpu/cpu1/cpufreq/scaling_governor", "powersave\n");
        Put("sys/devices/system/cpu/cpu2/cpufreq/scaling_governor", "performance\n");
        Put("sys/devices/system/cpu/cpu3/cpufreq/scaling_governor", "performance\n");
        Put("sys/devices/system/clocksource/clocksource0/current_clocksource", "hpet\n");
        Put("sys/devices/system/clocksource/clocksource0/available_clocksource", "tsc hpet acpi_pm\n");
        Put("sys/kernel/mm/transparent_hugepage/enabled", "[always] madvise never\n");
    }

    [TearDown]
    public void Remove() => Directory.Delete(_root, recursive: true);

    [Test]
    public void Reads_isolation_clock_and_memory_settings_from_proc_and_sys()
    {
        var info = HostInfoReader.Read(_root);
        Assert.That(info.CpuModel, Does.StartWith("Intel(R) Xeon(R) Gold 6354"));
        Assert.That(info.KernelRelease, Is.EqualTo("6.1.0-28-amd64"));
        Assert.That(info.LogicalCpus, Is.EqualTo(4));
        Assert.That(info.IsolatedCpus, Is.EqualTo(CpuSet.Parse("2-3")));
        Assert.That(info.NohzFullCpus, Is.EqualTo(CpuSet.Parse("2-3")), "from the command line, and not the init argument after --");
        Assert.That(info.RcuNocbsCpus, Is.EqualTo(CpuSet.Parse("2-3")));
        Assert.That(info.InvariantTsc, Is.True);
        Assert.That(info.Clocksource, Is.EqualTo("hpet"));
        Assert.That(info.TransparentHugePages, Is.EqualTo("always"));
        Assert.That(info.Governors[0], Is.EqualTo("powersave"));
        Assert.That(info.Governors[3], Is.EqualTo("performance"));
    }

    [Test]
    public void Warns_about_what_disturbs_hot_cores()
    {
        var warnings = HostInfoReader.Read(_root).Warnings(hotCpus: CpuSet.Parse("1-2"));
        Assert.That(warnings, Has.Some.Contains("hot CPUs 1-2 are not all isolated"));
        Assert.That(warnings, Has.Some.Contains("clocksource is hpet"));
        Assert.That(warnings, Has.Some.Contains("governor is not 'performance' on CPUs 0-1"));
        Assert.That(warnings, Has.Some.Contains("transparent huge pages are 'always'"));
        Assert.That(HostInfoReader.Read(_root).Warnings(CpuSet.Parse("2-3")), Has.None.Contains("not all isolated"));
    }

    [Test]
    public void Missing_files_read_as_unavailable_not_as_errors()
    {
        var info = HostInfoReader.Read(Path.Combine(_root, "nothing-here"));
        Assert.That(info.CpuModel, Is.Null);
        Assert.That(info.Clocksource, Is.Null);
        Assert.That(info.Governors, Is.Empty);
        Assert.That(info.LogicalCpus, Is.EqualTo(Environment.ProcessorCount));
        Assert.That(info.Warnings(), Has.Some.Contains("no isolated CPUs"));
    }

    [Test]
    public void Reads_this_machine_without_failing()
    {
        var info = HostInfoReader.Read();
        Assert.That(info.LogicalCpus, Is.EqualTo(Environment.ProcessorCount));
        Assert.That(info.ThreadAffinity.IsEmpty, Is.False);
    }
}
