using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;

namespace Appliance.Hosting.Lifecycle;

/// <summary>
/// The host's lifetime: SIGTERM (systemd's stop) and SIGINT (Ctrl+C) start the stop sequence, and the signal's
/// name becomes the stop reason. Replaces Microsoft.Extensions.Hosting's ConsoleLifetime, which says nothing
/// about which signal came and prints a Ctrl+C banner. A second signal while stopping is ignored: the stop
/// already has its own deadline, and systemd's TimeoutStopSec= is the backstop.
/// </summary>
internal sealed class SignalLifetime(IHostApplicationLifetime lifetime, Action<string> onSignal) : IHostLifetime, IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = new();

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle));
        return Task.CompletedTask;
    }

    private void Handle(PosixSignalContext context)
    {
        // Keep the runtime from terminating the process: the host's stop sequence decides when we exit.
        context.Cancel = true;
        onSignal(context.Signal == PosixSignal.SIGTERM ? "SIGTERM" : "SIGINT");
        lifetime.StopApplication();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
        _registrations.Clear();
    }
}
