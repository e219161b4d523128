using Appliance.Hosting.Daemon;
using Appliance.Hosting.Tests.Support;

namespace Appliance.Hosting.Tests.Lifecycle;

public class JournalRunDirectoryTests
{
    [Test]
    public void Each_run_journals_into_its_own_directory_even_two_in_one_second()
    {
        using var dir = new TempDir();
        var start = new DateTimeOffset(2026, 11, 23, 3, 44, 0, TimeSpan.Zero);
        string first = ApplianceDaemon.JournalRunDirectory(dir.Path, start);
        Assert.That(first, Is.EqualTo(Path.Combine(dir.Path, "20261123T034400Z")));
        Directory.CreateDirectory(first);
        Assert.That(ApplianceDaemon.JournalRunDirectory(dir.Path, start), Is.EqualTo(Path.Combine(dir.Path, "20261123T034400Z.2")));
    }
}
