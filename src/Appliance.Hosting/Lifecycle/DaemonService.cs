using Appliance.Hosting.Daemon;
using Microsoft.Extensions.Hosting;

namespace Appliance.Hosting.Lifecycle;

/// <summary>The daemon as the host's one hosted service: start on the host's start, the stop sequence on its stop.</summary>
internal sealed class DaemonService(ApplianceDaemon daemon, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        daemon.StopRequested = _ => lifetime.StopApplication();
        daemon.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        daemon.Stop(TimeSpan.FromSeconds(daemon.Config.Shutdown.StopTimeoutSeconds), daemon.StopReason);
        return Task.CompletedTask;
    }
}
