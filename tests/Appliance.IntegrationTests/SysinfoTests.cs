using System.Text.Json;

namespace Appliance.IntegrationTests;

public class SysinfoTests
{
    [Test]
    public void Version_reports_a_native_aot_build()
    {
        var r = ApplianceProcess.Run("version");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stdout, Does.StartWith("appliance ").And.Contain("native-aot"));
    }

    [Test]
    public void Sysinfo_json_is_valid_and_describes_this_machine()
    {
        var r = ApplianceProcess.Run("sysinfo --json");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        Assert.That(root.GetProperty("logical_cpus").GetInt32(), Is.EqualTo(Environment.ProcessorCount));
        Assert.That(root.GetProperty("thread_affinity").GetArrayLength(), Is.GreaterThan(0));
        Assert.That(root.GetProperty("thread_policy").GetString(), Is.EqualTo("SCHED_OTHER"));
        Assert.That(root.GetProperty("clocksource").GetString(),
            Is.EqualTo(File.ReadAllText("/sys/devices/system/clocksource/clocksource0/current_clocksource").Trim()));
        foreach (string key in new[] { "isolated_cpus", "nohz_full_cpus", "rcu_nocbs_cpus", "sched_fifo_permitted", "mlockall_permitted",
                     "rlimit_memlock_bytes", "invariant_tsc", "cpu_governors", "transparent_hugepages", "warnings" })
            Assert.That(root.TryGetProperty(key, out _), Is.True, $"missing {key}");
    }

    [Test]
    public void Sysinfo_table_lists_each_fact_and_the_warnings()
    {
        var r = ApplianceProcess.Run("sysinfo");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stdout, Does.Contain("isolated cpus").And.Contain("SCHED_FIFO").And.Contain("clocksource").And.Contain("warning"));
    }

    [Test]
    public void Unprivileged_user_is_told_fifo_and_mlockall_are_not_permitted()
    {
        if (Environment.UserName != "root") Assert.Ignore("needs root to drop to nobody with setpriv");
        var r = ApplianceProcess.Run("sysinfo --json", prefixCommand: "setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all --bounding-set=-all");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.That(doc.RootElement.GetProperty("sched_fifo_permitted").GetBoolean(), Is.False);
        Assert.That(doc.RootElement.GetProperty("cap_sys_nice").GetBoolean(), Is.False);
        Assert.That(doc.RootElement.GetProperty("warnings").EnumerateArray().Select(e => e.GetString()), Has.Some.Contains("SCHED_FIFO is not permitted"));
    }

    [Test]
    public void A_malformed_cpu_list_is_a_usage_error_with_the_reason()
    {
        var r = ApplianceProcess.Run("sysinfo --hot-cpus 3-1");
        Assert.That(r.ExitCode, Is.EqualTo(64));
        Assert.That(r.Stderr, Does.Contain("--hot-cpus \"3-1\"").And.Contain("range"));
    }
}
