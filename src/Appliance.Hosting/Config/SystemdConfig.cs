namespace Appliance.Hosting.Config;

/// <summary>The `systemd` section: readiness, status lines, the watchdog.</summary>
/// <param name="ReadyTimeoutSeconds">Give up starting (exit 69) when READY's condition is not met within this many seconds.</param>
/// <param name="ExtendTimeoutSeconds">While starting, ask systemd for this much more time every half of it (EXTEND_TIMEOUT_USEC).</param>
/// <param name="StatusIntervalSeconds">Seconds between STATUS= lines (shown by `systemctl status`).</param>
/// <param name="Watchdog">Send WATCHDOG=1 (when WatchdogSec= asks for it) only while every hot thread makes progress.</param>
public sealed record SystemdConfig(
    ReadyPolicy Ready = ReadyPolicy.Events,
    int ReadyTimeoutSeconds = 120,
    int ExtendTimeoutSeconds = 20,
    int StatusIntervalSeconds = 5,
    bool Watchdog = true);
