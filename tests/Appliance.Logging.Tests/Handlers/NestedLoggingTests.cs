using Appliance.Logging.Tests.TestSupport;

namespace Appliance.Logging.Tests.Handlers;

/// <summary>A hole expression that logs, or throws, must not corrupt the thread's ring.</summary>
public class NestedLoggingTests
{
    [Test]
    public void A_hole_expression_that_logs_keeps_both_records()
    {
        using var t = new TestLog();
        int Inner()
        {
            t.Log.Info($"inner {7}");
            return 5;
        }

        t.Log.Info($"outer {1} {Inner()} {2}");
        t.Log.Info($"after {3}");

        IReadOnlyList<string> messages = t.Messages();
        Assert.That(messages, Is.EquivalentTo(new[] { "outer 1 5 2", "inner 7", "after 3" }));
        Assert.That(messages[^1], Is.EqualTo("after 3"));
    }

    [Test]
    public void Two_levels_of_nesting_keep_every_record_and_a_third_is_dropped_and_counted()
    {
        using var t = new TestLog();
        int Level3() { t.Log.Info($"level3 {3}"); return 3; }
        int Level2() { t.Log.Info($"level2 {Level3()}"); return 2; }

        t.Log.Info($"level1 {Level2()}");

        Assert.That(t.Messages().Where(m => m.StartsWith("level", StringComparison.Ordinal)), Is.EquivalentTo(new[] { "level1 2", "level2 3" }));
        Assert.That(t.System.Counters.Dropped, Is.EqualTo(1));
    }

    [Test]
    public void A_hole_that_throws_abandons_its_record_and_the_next_calls_work()
    {
        using var t = new TestLog();
        static int Throw() => throw new InvalidOperationException("boom");

        for (int i = 0; i < 100; i++)
        {
            try
            {
                t.Log.Info($"never {i} {Throw()}");
            }
            catch (InvalidOperationException)
            {
            }
            t.Log.Info($"after {i}");
        }

        Assert.That(t.Messages(), Is.EqualTo(Enumerable.Range(0, 100).Select(i => $"after {i}").ToArray()));
    }
}
