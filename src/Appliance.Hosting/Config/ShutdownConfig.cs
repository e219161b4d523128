namespace Appliance.Hosting.Config;

/// <summary>The `shutdown` section: what a stop does and how long it may take.</summary>
/// <param name="OnStop">Applied on SIGTERM/SIGINT and at the session's end.</param>
/// <param name="StopTimeoutSeconds">The whole stop (flatten, drain, stop feeds, flush) must fit; keep systemd's TimeoutStopSec= above it.</param>
public sealed record ShutdownConfig(StopAction OnStop = StopAction.Flatten, int StopTimeoutSeconds = 60);
