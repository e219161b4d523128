using Appliance.Hosting.Lifecycle;
using Appliance.Hosting.Tests.Support;

namespace Appliance.Hosting.Tests.Lifecycle;

public class TestSeamsTests
{
    [Test]
    public void The_freeze_seam_is_refused_under_systemd_and_reads_its_file_otherwise()
    {
        using var dir = new TempDir();
        string file = Path.Combine(dir.Path, "freeze");
        var env = new Dictionary<string, string?> { [TestSeams.FreezeFileVariable] = file };
        var seams = TestSeams.FromEnvironment(k => env.GetValueOrDefault(k));
        Assert.That(seams.Active, Is.True);
        Assert.That(seams.ThreadToFreeze(), Is.Null, "no file yet");
        File.WriteAllText(file, "strategy\n");
        Assert.That(seams.ThreadToFreeze(), Is.EqualTo("strategy"));

        env["INVOCATION_ID"] = "0123456789abcdef";
        Assert.That(TestSeams.FromEnvironment(k => env.GetValueOrDefault(k)).Active, Is.False, "systemd started us: no seams");
    }
}
