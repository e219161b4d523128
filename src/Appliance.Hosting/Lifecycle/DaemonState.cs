namespace Appliance.Hosting.Lifecycle;

/// <summary>Where the daemon is in its life: `ctl status` shows it, STATUS= lines say it.</summary>
public enum DaemonState
{
    Created,
    /// <summary>Threads started; waiting for READY's condition (feeds subscribed, events flowing).</summary>
    Starting,
    /// <summary>READY=1 sent.</summary>
    Running,
    Stopping,
    Stopped,
}
