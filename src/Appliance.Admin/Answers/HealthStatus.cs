namespace Appliance.Admin.Answers;

/// <summary>How well the daemon is doing, worst last: the overall status is the worst of the checks.</summary>
public enum HealthStatus
{
    /// <summary>Working as configured.</summary>
    Ok = 0,
    /// <summary>Working, but something needs a look (a CPU not isolated, a stale feed with a redundant one still live).</summary>
    Degraded = 1,
    /// <summary>Not doing its job (no market data, watchdog tripped).</summary>
    Failing = 2,
}
