namespace Appliance.Hosting.Config;

/// <summary>Placement of one hot thread (feed or strategy).</summary>
/// <param name="Cpus">CPU list in the kernel's syntax ("3", "2-3"); null leaves the thread unpinned.</param>
/// <param name="FifoPriority">SCHED_FIFO priority 1..99; 0 keeps SCHED_OTHER.</param>
public sealed record HotThreadConfig(string? Cpus = null, int FifoPriority = 0);
