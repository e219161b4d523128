using Appliance.Hosting.Daemon;
using Appliance.Hosting.Tests.Support;

namespace Appliance.Hosting.Tests.Lifecycle;

public class JournalPrefixTests
{
    [Test]
    public void Each_run_names_its_own_segments_even_two_in_one_second()
    {
        using var dir = new TempDir();
        var start = new DateTimeOffset(2026, 11, 23, 3, 44, 0, TimeSpan.Zero);
        string first = ApplianceDaemon.JournalPrefix(dir.Path, "binance", start);
        Assert.That(first, Is.EqualTo("binance-20261123T034400Z"));
        File.WriteAllText(Path.Combine(dir.Path, first + "-000000.journal"), "");
        string second = ApplianceDaemon.JournalPrefix(dir.Path, "binance", start);
        Assert.That(second, Is.EqualTo("binance-20261123T034400Z.2"));
        Assert.That(ApplianceDaemon.JournalPrefix(dir.Path, "other", start), Is.EqualTo("other-20261123T034400Z"));
    }
}
