namespace Appliance.Hosting.Config;

/// <summary>The `threads` section: where the hot threads run, with what priority, and what must succeed.</summary>
/// <param name="Feed">Placement of every feed thread, unless <paramref name="Feeds"/> names the feed.</param>
/// <param name="Feeds">Per-feed placement by feed name (a redundant feed on its own core).</param>
/// <param name="HousekeepingCpus">CPUs for the log writer and other housekeeping; null leaves them to the scheduler.</param>
/// <param name="Mlockall">mlockall(MCL_CURRENT|MCL_FUTURE) at start: no page faults from swapped or lazily mapped memory.</param>
/// <param name="RequirePinning">Refuse to start when a hot thread cannot be pinned (else: a warning).</param>
/// <param name="RequireFifo">Refuse to start when SCHED_FIFO is refused (else: a warning).</param>
/// <param name="RequireMlockall">Refuse to start when mlockall fails (else: a warning).</param>
/// <param name="RequireIsolatedCpus">Refuse to start when a hot thread's CPUs are not isolated (else: a warning).</param>
public sealed record ThreadsConfig(
    HotThreadConfig? Strategy = null,
    HotThreadConfig? Feed = null,
    IReadOnlyDictionary<string, HotThreadConfig>? Feeds = null,
    string? HousekeepingCpus = null,
    SpinMode Spin = SpinMode.Busy,
    bool Mlockall = false,
    bool RequirePinning = false,
    bool RequireFifo = false,
    bool RequireMlockall = false,
    bool RequireIsolatedCpus = false)
{
    public HotThreadConfig Strategy { get; init; } = Strategy ?? new();

    public HotThreadConfig Feed { get; init; } = Feed ?? new();

    public IReadOnlyDictionary<string, HotThreadConfig> Feeds { get; init; } = Feeds ?? new Dictionary<string, HotThreadConfig>();

    /// <summary>The placement of the named feed's thread.</summary>
    public HotThreadConfig ForFeed(string name) => Feeds.TryGetValue(name, out HotThreadConfig? p) ? p : Feed;
}
