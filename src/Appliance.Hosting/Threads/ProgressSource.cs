namespace Appliance.Hosting.Threads;

/// <summary>
/// A hot thread the watchdog watches: <see cref="Read"/> returns a number that changes whenever the thread
/// makes progress (a heartbeat, or a sum of counters only that thread writes); <see cref="Alive"/> is false
/// once the thread has ended (a fault), which fails the check whatever the number does.
/// </summary>
public sealed record ProgressSource(string Name, Func<long> Read, Func<bool> Alive);
