namespace Appliance.Hosting.Config;

/// <summary>When the daemon tells systemd READY=1.</summary>
public enum ReadyPolicy
{
    /// <summary>Once every feed is connected and subscribed and the strategy thread has consumed events.</summary>
    Events,
    /// <summary>As soon as the threads are started (a feed that cannot connect does not hold the start).</summary>
    Start,
}
