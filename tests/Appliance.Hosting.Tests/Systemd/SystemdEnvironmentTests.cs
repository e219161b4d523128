using Appliance.Hosting.Systemd;

namespace Appliance.Hosting.Tests.Systemd;

public class SystemdEnvironmentTests
{
    private static SystemdEnvironment Read(params (string, string)[] vars)
    {
        var d = vars.ToDictionary(v => v.Item1, v => v.Item2);
        return SystemdEnvironment.Read(k => d.TryGetValue(k, out string? v) ? v : null, pid: 4242);
    }

    [Test]
    public void The_watchdog_applies_when_its_pid_is_ours_or_unset()
    {
        Assert.That(Read(("WATCHDOG_USEC", "10000000")).WatchdogInterval, Is.EqualTo(TimeSpan.FromSeconds(10)));
        Assert.That(Read(("WATCHDOG_USEC", "10000000"), ("WATCHDOG_PID", "4242")).WatchdogInterval, Is.EqualTo(TimeSpan.FromSeconds(10)));
        Assert.That(Read(("WATCHDOG_USEC", "10000000"), ("WATCHDOG_PID", "1")).WatchdogInterval, Is.Null, "meant for another process");
        Assert.That(Read(("WATCHDOG_USEC", "0")).WatchdogInterval, Is.Null);
    }

    [Test]
    public void Invocation_id_marks_a_systemd_start()
    {
        Assert.That(Read(("INVOCATION_ID", "abc")).UnderSystemd, Is.True);
        Assert.That(Read().UnderSystemd, Is.False);
        Assert.That(Read().StdoutIsJournal(), Is.False);
    }
}
