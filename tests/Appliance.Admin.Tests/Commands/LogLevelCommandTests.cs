using Appliance.Admin.Client;
using Appliance.Admin.Commands;
using Appliance.Admin.Protocol;
using Appliance.Admin.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace Appliance.Admin.Tests.Commands;

public class LogLevelCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static TestServer Server() => new(register: null, start: false);

    [Test]
    public void Sets_a_category_level_on_the_running_log_system()
    {
        using var server = StartWithLogLevel();
        using var client = AdminClient.Connect(server.SocketPath, Timeout);
        using var a = client.Send("log level Feed.Binance debug", Timeout);
        Assert.That(a.Ok, Is.True, a.Line);
        Assert.That(a.Root.GetProperty("level").GetString(), Is.EqualTo("Debug"));
        Assert.That(server.LogSystem.Levels.Effective("Feed.Binance"), Is.EqualTo(LogLevel.Debug));
        Assert.That(server.LogSystem.GetLogger("Feed.Binance").Level, Is.EqualTo(LogLevel.Debug));
    }

    [Test]
    public void For_a_duration_is_a_burst_that_the_snapshot_shows()
    {
        using var server = StartWithLogLevel();
        using var client = AdminClient.Connect(server.SocketPath, Timeout);
        using var a = client.Send("log level Feed trace --for 5m", Timeout);
        Assert.That(a.Root.GetProperty("for_seconds").GetDouble(), Is.EqualTo(300));
        var burst = server.LogSystem.Levels.Snapshot().Single(s => s.Category == "Feed");
        Assert.That(burst.Level, Is.EqualTo(LogLevel.Trace));
        Assert.That(burst.BurstSecondsLeft, Is.GreaterThan(290).And.LessThanOrEqualTo(300));
    }

    [Test]
    public void Reset_removes_the_rule_and_default_sets_the_default()
    {
        using var server = StartWithLogLevel();
        using var client = AdminClient.Connect(server.SocketPath, Timeout);
        client.Send("log level Feed error", Timeout).Dispose();
        using (var a = client.Send("log level Feed reset", Timeout)) Assert.That(a.Root.GetProperty("removed").GetBoolean(), Is.True);
        using (var a = client.Send("log level default warn", Timeout)) Assert.That(a.Ok, Is.True, a.Line);
        Assert.That(server.LogSystem.Levels.Default, Is.EqualTo(LogLevel.Warning));
        Assert.That(server.LogSystem.Levels.Effective("Feed"), Is.EqualTo(LogLevel.Warning));
    }

    [TestCase("log level Feed loud", "LEVEL must be one of")]
    [TestCase("log level Feed debug --for forever", "--for must be a duration")]
    [TestCase("log level Feed debug --for 3d", "--for may be at most 86400 s")]
    [TestCase("log level Feed reset --for 5s", "--for makes no sense with reset")]
    [TestCase("log level default debug --for 5s", "--for applies to a category")]
    public void Bad_requests_are_usage_errors(string request, string message)
    {
        using var server = StartWithLogLevel();
        using var client = AdminClient.Connect(server.SocketPath, Timeout);
        using var a = client.Send(request, Timeout);
        Assert.That(a.ErrorCode, Is.EqualTo(AdminErrorCode.Usage));
        Assert.That(a.ErrorMessage, Does.Contain(message));
        Assert.That(a.Usage, Is.EqualTo(StandardVerbs.LogLevel.Usage));
    }

    private static TestServer StartWithLogLevel()
    {
        var server = Server();
        server.Commands.Register(StandardVerbs.LogLevel, LogLevelCommand.Create(server.LogSystem.Levels));
        server.Server.Start();
        return server;
    }
}
