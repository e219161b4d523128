using System.Diagnostics;
using Appliance.Primitives.Threading;

namespace Appliance.Primitives.Tests.Threading;

public class CpuAffinityTests
{
    private static int LastCpu => Environment.ProcessorCount - 1;

    /// <summary>Cpus_allowed_list of one thread as the kernel publishes it: an independent read-back.</summary>
    private static string KernelAffinityOf(int tid) =>
        File.ReadAllLines($"/proc/self/task/{tid}/status").Single(l => l.StartsWith("Cpus_allowed_list:"))
            .Split(':', 2)[1].Trim();

    [Test]
    public void Pinning_is_applied_and_read_back_from_the_kernel()
    {
        PinnedThreadReport? report = null;
        string? kernelView = null;
        var t = PinnedThread.Start(new PinnedThreadOptions { Name = "pin-test", Cpus = CpuSet.Of(LastCpu) },
            () => kernelView = KernelAffinityOf(CpuAffinity.CurrentThreadId));
        Assert.That(t.Join(TimeSpan.FromSeconds(10)), Is.True);
        report = t.Report;

        Assert.That(report.Started, Is.True, report.ToString());
        Assert.That(report.Requests.Single().Ok, Is.True, report.ToString());
        Assert.That(report.Affinity, Is.EqualTo(CpuSet.Of(LastCpu)));
        Assert.That(kernelView, Is.EqualTo(LastCpu.ToString()));
        Assert.That(report.ThreadId, Is.Not.EqualTo(Environment.ProcessId), "the pinned thread is not the main thread");
    }

    [Test]
    public void Pinning_only_affects_the_calling_thread()
    {
        var before = CpuAffinity.GetCurrentThreadAffinity();
        var t = PinnedThread.Start(new PinnedThreadOptions { Name = "pin-test-2", Cpus = CpuSet.Of(0) }, () => { });
        t.Join(TimeSpan.FromSeconds(10));
        Assert.That(CpuAffinity.GetCurrentThreadAffinity(), Is.EqualTo(before));
    }

    [Test]
    public void Pinning_to_a_cpu_that_does_not_exist_is_a_reported_failure_not_an_exception()
    {
        var t = PinnedThread.Start(new PinnedThreadOptions { Name = "bad-cpu", Cpus = CpuSet.Of(1000) }, () => { });
        t.Join(TimeSpan.FromSeconds(10));
        Assert.That(t.Report.Started, Is.True, "not required, so the body still runs");
        Assert.That(t.Report.Warnings, Has.Count.EqualTo(1));
        Assert.That(t.Report.Warnings[0], Does.Contain("CPUs 1000").And.Contain("errno 22"));
    }

    [Test]
    public void A_required_setting_that_fails_keeps_the_body_from_running()
    {
        bool ran = false;
        var t = PinnedThread.Start(new PinnedThreadOptions { Name = "strict", Cpus = CpuSet.Of(1000), RequirePinning = true }, () => ran = true);
        Assert.That(t.Join(TimeSpan.FromSeconds(10)), Is.True);
        Assert.That(t.Report.Started, Is.False);
        Assert.That(t.Report.Errors, Has.Count.EqualTo(1));
        Assert.That(ran, Is.False);
    }

    [Test]
    public void Fifo_policy_is_applied_and_visible_to_chrt()
    {
        // chrt (util-linux) reads the policy of another thread from outside the process: an independent check.
        string? chrt = null;
        var t = PinnedThread.Start(new PinnedThreadOptions { Name = "fifo", Policy = SchedulingPolicy.Fifo, Priority = 3 }, () =>
        {
            using var p = Process.Start(new ProcessStartInfo("chrt", $"-p {CpuAffinity.CurrentThreadId}") { RedirectStandardOutput = true })!;
            chrt = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            // Leave SCHED_FIFO before the thread ends so nothing else inherits it.
            ThreadScheduling.SetCurrentThreadPolicy(SchedulingPolicy.Other, 0);
        });
        Assert.That(t.Join(TimeSpan.FromSeconds(10)), Is.True);
        if (t.Report.Requests.Single().IsPrivilegeError)
            Assert.Ignore("SCHED_FIFO not permitted for this user: " + t.Report.Requests.Single());
        Assert.That(t.Report.Policy, Is.EqualTo(SchedulingPolicy.Fifo));
        Assert.That(t.Report.Priority, Is.EqualTo(3));
        Assert.That(chrt, Does.Contain("SCHED_FIFO").And.Contain("priority: 3"));
    }

    [Test]
    public void An_invalid_priority_is_refused_by_the_kernel_and_reported()
    {
        var r = PinnedThread.Apply(new PinnedThreadOptions { Name = "x", Policy = SchedulingPolicy.Fifo, Priority = 1000 });
        Assert.That(r.Warnings.Single(), Does.Contain("SCHED_FIFO priority 1000").And.Contain("errno 22"));
        Assert.That(r.Policy, Is.EqualTo(SchedulingPolicy.Other));
    }
}
