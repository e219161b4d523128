using Appliance.Hosting.Threads;

namespace Appliance.Hosting.Tests.Threads;

public class ProgressMonitorTests
{
    [Test]
    public void Every_source_must_move_between_checks_and_a_dead_thread_fails_whatever_its_counter_does()
    {
        var beat = new Heartbeat();
        long feed = 0;
        bool feedAlive = true;
        var monitor = new ProgressMonitor();
        monitor.Add(new ProgressSource("strategy", beat.Read, () => true));
        monitor.Add(new ProgressSource("feed x", () => feed, () => feedAlive));

        Assert.That(monitor.Check(), Is.True, "the first look counts as progress");
        beat.Beat();
        feed++;
        Assert.That(monitor.Check(), Is.True);

        feed++;
        Assert.That(monitor.Check(), Is.False);
        Assert.That(monitor.Stalled.Single(), Does.StartWith("strategy (no progress for"));

        beat.Beat();
        feed++;
        feedAlive = false;
        Assert.That(monitor.Check(), Is.False);
        Assert.That(monitor.Stalled.Single(), Is.EqualTo("feed x (thread ended)"));
    }
}
