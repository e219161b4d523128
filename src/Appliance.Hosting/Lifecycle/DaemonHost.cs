using Appliance.Hosting.Daemon;
using Appliance.Logging.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Appliance.Hosting.Lifecycle;

/// <summary>
/// Runs the daemon under Microsoft.Extensions.Hosting, used the AOT-safe way: the empty builder (no
/// configuration providers, no reflection-bound options), instances registered directly (no activation by
/// reflection), our logger provider, our signal lifetime. What it gives us: an ordered start and stop with
/// a shutdown deadline, and one place a future hosted service (the order gateway) plugs in.
/// </summary>
public static class DaemonHost
{
    /// <summary>Starts the daemon, waits for a signal or a stop request, runs the stop sequence. Returns the exit code.</summary>
    public static int Run(ApplianceDaemon daemon)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = "appliance",
            DisableDefaults = true,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddAppliance(daemon.Logs);
        builder.Logging.SetMinimumLevel(LogLevel.Trace); // the log system's own levels decide
        builder.Services.Configure<HostOptions>(o =>
        {
            // Our stop sequence keeps its own budget; the host's deadline only has to be longer.
            o.ShutdownTimeout = TimeSpan.FromSeconds(daemon.Config.Shutdown.StopTimeoutSeconds + 5);
            o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost;
        });
        builder.Services.AddSingleton<IHostLifetime>(sp =>
            new SignalLifetime(sp.GetRequiredService<IHostApplicationLifetime>(), signal => daemon.StopReason = signal));
        builder.Services.AddSingleton<IHostedService>(sp => new DaemonService(daemon, sp.GetRequiredService<IHostApplicationLifetime>()));

        using IHost host = builder.Build();
        try
        {
            host.Run();
        }
        catch (DaemonStartException e)
        {
            return e.ExitCode;
        }
        return daemon.ExitCode;
    }
}
