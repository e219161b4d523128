using System.CommandLine;
using Appliance.Hosting.Config;
using Appliance.Hosting.Daemon;
using Appliance.Hosting.Lifecycle;
using Appliance.Hosting.Systemd;
using Appliance.Logging;

namespace Appliance.Cli;

/// <summary>
/// `appliance run --config FILE`: the daemon. Config first (every error on stderr, exit 78), then the
/// session check (outside a session: exit 0 at once), then logging, then the host runs the daemon until a
/// signal or the session's close. Exit codes: docs/operations.md.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config", "-c")
        {
            Description = "The JSON config file",
            DefaultValueFactory = _ => "/etc/appliance/appliance.json",
        };
        var cmd = new Command("run", "Run the daemon: feeds, strategy thread, admin socket, systemd notify and watchdog.") { config };
        cmd.SetAction(parse => Run(parse.GetValue(config)!));
        return cmd;
    }

    private static int Run(string path)
    {
        SystemdEnvironment systemd = SystemdEnvironment.FromProcess();
        LoadedConfig loaded = ConfigLoader.Load(path, systemd.CredentialsDirectory);
        if (!loaded.IsValid)
        {
            Console.Error.WriteLine($"{path}: {loaded.Errors.Count} error{(loaded.Errors.Count == 1 ? "" : "s")} in the configuration:");
            foreach (ConfigError e in loaded.Errors) Console.Error.WriteLine($"  {e}");
            return ExitCodes.Config;
        }
        ApplianceConfig config = loaded.Require();

        if (config.Session is { } s)
        {
            var clock = new SessionClock(s);
            DateTimeOffset now = DateTimeOffset.UtcNow;
            if (!clock.TryGetSession(now, out _))
            {
                Console.Out.WriteLine($"appliance: outside the trading session ({s.Days.Count} day(s) {s.Open}-{s.Close} {s.TimeZone}); next opens {clock.Next(now).Open:yyyy-MM-dd HH:mm}Z. Nothing to do.");
                return ExitCodes.Ok;
            }
        }

        using LogSystem logs = DaemonLogging.Create(config.Logging, systemd,
            config.Threads.HousekeepingCpus is { } hk ? Primitives.Threading.CpuSet.Parse(hk) : null);
        Logger log = logs.GetLogger("Daemon");
        log.Info($"appliance {VersionCommand.Version} starting: {path} ({ConfigSummary.Describe(loaded)}){(systemd.UnderSystemd ? $", systemd invocation {systemd.InvocationId}" : "")}");
        foreach (ConfigError w in loaded.Warnings) log.Warn($"config: {w}");

        using var notifier = new SystemdNotifier(NotifySocket.Create(systemd.NotifySocket));
        using var daemon = new ApplianceDaemon(loaded, logs, systemd, notifier, TestSeams.FromEnvironment(Environment.GetEnvironmentVariable), VersionCommand.Version);
        int exitCode;
        try
        {
            exitCode = DaemonHost.Run(daemon);
        }
        catch (Exception e)
        {
            log.Critical($"the host failed: {e}");
            exitCode = ExitCodes.Software;
        }
        log.Info($"exit {exitCode}");
        logs.Flush(TimeSpan.FromSeconds(5));
        return exitCode;
    }
}
