namespace Appliance.Primitives.Threading;

/// <summary>
/// Starts a named dedicated thread that pins itself and sets its policy before running its body, and reports
/// what it actually got. The settings are applied from inside the thread because sched_setaffinity and
/// sched_setscheduler act on the calling thread; the starter waits for that report (cold path, start-up only).
/// </summary>
public sealed class PinnedThread
{
    private readonly ManualResetEventSlim _configured = new(false);
    private PinnedThreadReport? _report;

    public Thread Thread { get; }

    /// <summary>Available once <see cref="Start"/> has returned.</summary>
    public PinnedThreadReport Report => _report ?? throw new InvalidOperationException("thread not configured yet");

    private PinnedThread(PinnedThreadOptions options, Action body)
    {
        Thread = NamedThread.Create(options.Name, () => Run(options, body), options.StackSize);
    }

    /// <summary>Starts the thread and returns once it has applied (or failed to apply) its placement.</summary>
    public static PinnedThread Start(PinnedThreadOptions options, Action body, TimeSpan? timeout = null)
    {
        var t = new PinnedThread(options, body);
        t.Thread.Start();
        if (!t._configured.Wait(timeout ?? TimeSpan.FromSeconds(10)))
            throw new TimeoutException($"thread '{options.Name}' did not report its placement within {timeout ?? TimeSpan.FromSeconds(10)}");
        return t;
    }

    public bool Join(TimeSpan timeout) => Thread.Join(timeout);

    private void Run(PinnedThreadOptions options, Action body)
    {
        _report = Apply(options);
        _configured.Set();
        if (_report.Started) body();
    }

    /// <summary>Applies <paramref name="options"/> to the calling thread and reads back the result.</summary>
    public static PinnedThreadReport Apply(PinnedThreadOptions options)
    {
        var requests = new List<OsResult>();
        var warnings = new List<string>();
        var errors = new List<string>();

        if (options.Cpus is { } cpus)
        {
            var r = CpuAffinity.PinCurrentThread(cpus);
            requests.Add(r);
            if (!r.Ok) (options.RequirePinning ? errors : warnings).Add(r.ToString());
        }
        if (options.Policy != SchedulingPolicy.Other || options.Priority != 0)
        {
            var r = ThreadScheduling.SetCurrentThreadPolicy(options.Policy, options.Priority);
            requests.Add(r);
            if (!r.Ok) (options.RequirePolicy ? errors : warnings).Add(r.ToString());
        }

        var affinity = CpuAffinity.GetCurrentThreadAffinity();
        var (policy, priority) = ThreadScheduling.GetCurrentThreadPolicy();
        if (options.Cpus is { } wanted && !affinity.Equals(wanted) && requests[0].Ok)
            warnings.Add($"asked for CPUs {wanted}, kernel reports {affinity}");

        return new PinnedThreadReport(options.Name, CpuAffinity.CurrentThreadId, affinity, policy, priority, requests, warnings, errors);
    }
}
