using System.Runtime.InteropServices;

namespace Appliance.Primitives.Threading;

/// <summary>Scheduling policy of the calling thread, and memory locking for the process.</summary>
public static unsafe class ThreadScheduling
{
    /// <summary>SCHED_FIFO at <paramref name="priority"/> (1..99) for the calling thread. Needs CAP_SYS_NICE or RLIMIT_RTPRIO.</summary>
    public static OsResult SetCurrentThreadPolicy(SchedulingPolicy policy, int priority = 0)
    {
        string what = $"set thread {LibC.GetTid()} to SCHED_{policy.ToString().ToUpperInvariant()} priority {priority}";
        var param = new LibC.SchedParam { Priority = priority };
        return LibC.SchedSetScheduler(0, (int)policy, &param) == 0
            ? OsResult.Success(what)
            : OsResult.Failure(what, Marshal.GetLastPInvokeError());
    }

    public static (SchedulingPolicy Policy, int Priority) GetCurrentThreadPolicy()
    {
        int policy = LibC.SchedGetScheduler(0);
        if (policy < 0) throw new InvalidOperationException($"sched_getscheduler: {LibC.ErrorText(Marshal.GetLastPInvokeError())}");
        var param = default(LibC.SchedParam);
        LibC.SchedGetParam(0, &param);
        // SCHED_RESET_ON_FORK may be or-ed into the value; it is not a policy.
        return ((SchedulingPolicy)(policy & 0xff), param.Priority);
    }

    public static (int Min, int Max) PriorityRange(SchedulingPolicy policy) =>
        (LibC.SchedGetPriorityMin((int)policy), LibC.SchedGetPriorityMax((int)policy));

    /// <summary>mlockall(MCL_CURRENT | MCL_FUTURE): no page of the process is swapped or lazily faulted later.</summary>
    public static OsResult LockAllMemory()
    {
        const string what = "mlockall(MCL_CURRENT|MCL_FUTURE)";
        return LibC.MLockAll(LibC.MCL_CURRENT | LibC.MCL_FUTURE) == 0
            ? OsResult.Success(what)
            : OsResult.Failure(what, Marshal.GetLastPInvokeError());
    }

    public static OsResult UnlockAllMemory() =>
        LibC.MUnlockAll() == 0 ? OsResult.Success("munlockall") : OsResult.Failure("munlockall", Marshal.GetLastPInvokeError());

    /// <summary>RLIMIT_MEMLOCK soft limit in bytes; null when unlimited.</summary>
    public static ulong? MemlockLimit => ReadLimit(LibC.RLIMIT_MEMLOCK);

    /// <summary>RLIMIT_RTPRIO soft limit: the highest real-time priority an unprivileged process may take; null when unlimited.</summary>
    public static ulong? RealtimePriorityLimit => ReadLimit(LibC.RLIMIT_RTPRIO);

    private static ulong? ReadLimit(int resource)
    {
        var limit = default(LibC.RLimit);
        if (LibC.GetRLimit(resource, &limit) != 0) return 0;
        return limit.Current == LibC.RLIM_INFINITY ? null : limit.Current;
    }
}
