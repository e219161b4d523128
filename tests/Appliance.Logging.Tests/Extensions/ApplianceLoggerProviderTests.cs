using Appliance.Logging.Extensions;
using Appliance.Logging.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace Appliance.Logging.Tests.Extensions;

public partial class ApplianceLoggerProviderTests
{
    [LoggerMessage(Level = LogLevel.Information, Message = "order {OrderId} filled at {Price}")]
    private static partial void OrderFilled(ILogger logger, long orderId, double price);

    [Test]
    public void Microsoft_extensions_logging_reaches_the_same_sinks()
    {
        using var t = new TestLog(TestLog.Options(level: LogLevel.Information));
        using ILoggerFactory factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddAppliance(t.System));
        ILogger logger = factory.CreateLogger("Cold.Config");

        logger.LogInformation("loaded {Count} instruments", 12);
        OrderFilled(logger, 42, 101.25);
        logger.LogDebug("not at this level");
        t.Log.Info($"hot {1}");

        IReadOnlyList<string> lines = t.Lines();
        Assert.That(lines.Select(l => l[28..]), Is.EqualTo(new[]
        {
            "INF Cold.Config loaded 12 instruments",
            "INF Cold.Config order 42 filled at 101.25",
            "INF Test hot 1",
        }));
    }

    [Test]
    public void Enabled_follows_the_category_levels_at_run_time()
    {
        using var t = new TestLog(TestLog.Options(level: LogLevel.Information));
        using var provider = new ApplianceLoggerProvider(t.System);
        ILogger logger = provider.CreateLogger("Cold");
        Assert.That(logger.IsEnabled(LogLevel.Debug), Is.False);
        t.System.Levels.Set("Cold", LogLevel.Debug);
        Assert.That(logger.IsEnabled(LogLevel.Debug), Is.True);
        Assert.That(logger.IsEnabled(LogLevel.None), Is.False);
    }

    [Test]
    public void An_exception_follows_the_message_on_one_line()
    {
        using var t = new TestLog();
        using var provider = new ApplianceLoggerProvider(t.System);
        ILogger logger = provider.CreateLogger("Cold");
        Exception error;
        try
        {
            throw new InvalidOperationException("venue said no");
        }
        catch (InvalidOperationException e)
        {
            error = e;
        }
        logger.LogError(error, "order {Id} rejected", 7);

        string line = t.Lines().Single();
        Assert.That(line[28..], Does.StartWith("ERR Cold order 7 rejected System.InvalidOperationException: venue said no\\n   at "));
    }

    [Test]
    public void A_long_message_is_truncated_at_the_record_size()
    {
        using var t = new TestLog(TestLog.Options(maxRecordBytes: 1024));
        using var provider = new ApplianceLoggerProvider(t.System);
        provider.CreateLogger("Cold").LogWarning(new string('z', 5000));
        string message = t.Single();
        Assert.That(message, Does.EndWith("z [truncated]"));
        Assert.That(message.Length, Is.LessThan(1024));
    }
}
