using Appliance.Logging.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace Appliance.Logging.Tests.Levels;

public class LogLevelsTests
{
    [Test]
    public void A_category_level_changes_while_running()
    {
        using var t = new TestLog(TestLog.Options(level: LogLevel.Information));
        t.Log.Debug($"hidden {1}");
        t.System.Levels.Set("Test", LogLevel.Debug);
        t.Log.Debug($"shown {2}");
        t.System.Levels.Set("Test", LogLevel.Warning);
        t.Log.Info($"hidden {3}");
        t.Log.Warn($"shown {4}");
        Assert.That(t.Messages(), Is.EqualTo(new[] { "shown 2", "shown 4" }));
    }

    [Test]
    public void A_prefix_rule_covers_dotted_children_and_the_longest_rule_wins()
    {
        using var t = new TestLog(TestLog.Options(level: LogLevel.Information));
        Logger binance = t.System.GetLogger("Feed.Binance");
        Logger kraken = t.System.GetLogger("Feed.Kraken");
        Logger feedback = t.System.GetLogger("Feedback");
        t.System.Levels.Set("Feed", LogLevel.Debug);
        t.System.Levels.Set("Feed.Kraken", LogLevel.Error);
        Assert.That(binance.Level, Is.EqualTo(LogLevel.Debug));
        Assert.That(kraken.Level, Is.EqualTo(LogLevel.Error));
        Assert.That(feedback.Level, Is.EqualTo(LogLevel.Information), "a prefix matches at a dot only");
        Assert.That(t.System.GetLogger("Feed.Binance.Depth").Level, Is.EqualTo(LogLevel.Debug), "loggers created later follow the rules");
        Assert.That(t.System.Levels.Reset("Feed.Kraken"), Is.True);
        Assert.That(kraken.Level, Is.EqualTo(LogLevel.Debug));
    }

    [Test]
    public void Initial_levels_come_from_the_options()
    {
        var options = new LogOptions
        {
            FlushOnProcessExit = false,
            Levels = new Dictionary<string, LogLevel> { ["Default"] = LogLevel.Warning, ["Risk"] = LogLevel.Trace },
        };
        using var system = new LogSystem(options, new Appliance.Logging.Sinks.MemorySink());
        Assert.That(system.GetLogger("Risk").Level, Is.EqualTo(LogLevel.Trace));
        Assert.That(system.GetLogger("Other").Level, Is.EqualTo(LogLevel.Warning));
    }

    [Test]
    public void A_burst_raises_the_level_for_its_duration_then_restores_it()
    {
        using var t = new TestLog(TestLog.Options(level: LogLevel.Information));
        t.System.Levels.Set("Test", LogLevel.Warning);
        t.System.Levels.Burst("Test", LogLevel.Trace, TimeSpan.FromMilliseconds(300));
        Assert.That(t.Log.Level, Is.EqualTo(LogLevel.Trace));
        t.Log.Trace($"during");
        Assert.That(t.System.Levels.Snapshot(), Has.Some.Matches<(string Category, LogLevel Level, double? BurstSecondsLeft)>(
            r => r.Category == "Test" && r.Level == LogLevel.Trace && r.BurstSecondsLeft is > 0 and <= 0.3));

        // The writer thread restores the level once the burst has expired; no call is needed.
        Assert.That(Wait.Until(() => t.Log.Level == LogLevel.Warning, TimeSpan.FromSeconds(5)), Is.True);
        t.Log.Info($"after");
        t.Log.Warn($"after warn");
        Assert.That(t.Messages(), Is.EqualTo(new[] { "during", "after warn" }));
    }
}
