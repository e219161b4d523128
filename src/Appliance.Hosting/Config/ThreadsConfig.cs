namespace Appliance.Hosting.Config;

/// <summary>
/// The `threads` section: where the strategy thread runs, the real-time priority of the hot threads, what
/// must succeed. A feed thread's CPU is its feed's <c>feeds[].cpu</c> (one thread per feed group).
/// </summary>
/// <param name="Strategy">CPUs and SCHED_FIFO priority of the strategy thread.</param>
/// <param name="FeedFifoPriority">SCHED_FIFO priority 1..99 of every feed thread; 0 keeps SCHED_OTHER.</param>
/// <param name="HousekeepingCpus">CPUs for every other thread (log and journal writers, admin, housekeeping); null: any.</param>
/// <param name="Spin">How the strategy thread waits for events: busy (isolated core) or yield (shared core).</param>
/// <param name="Mlockall">mlockall(MCL_CURRENT|MCL_FUTURE) at start: no page faults from swapped or lazily mapped memory.</param>
/// <param name="RequirePinning">Refuse to start when a hot thread cannot be pinned (else: a warning).</param>
/// <param name="RequireFifo">Refuse to start when SCHED_FIFO is refused (else: a warning).</param>
/// <param name="RequireMlockall">Refuse to start when mlockall fails (else: a warning).</param>
/// <param name="RequireIsolatedCpus">Refuse to start when a hot thread's CPUs are not isolated (else: a warning).</param>
public sealed record ThreadsConfig(
    HotThreadConfig? Strategy = null,
    int FeedFifoPriority = 0,
    string? HousekeepingCpus = null,
    SpinMode Spin = SpinMode.Busy,
    bool Mlockall = false,
    bool RequirePinning = false,
    bool RequireFifo = false,
    bool RequireMlockall = false,
    bool RequireIsolatedCpus = false)
{
    public HotThreadConfig Strategy { get; init; } = Strategy ?? new();
}
