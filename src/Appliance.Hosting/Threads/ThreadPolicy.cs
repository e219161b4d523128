using System.Runtime.InteropServices;
using Appliance.Primitives.Threading;

namespace Appliance.Hosting.Threads;

/// <summary>
/// Sets the scheduling policy of another thread by its kernel thread id. The feed sessions start and pin
/// their own threads; the host gives them their SCHED_FIFO priority afterwards from the tid they report.
/// </summary>
public static unsafe partial class ThreadPolicy
{
    [StructLayout(LayoutKind.Sequential)]
    private struct SchedParam { public int Priority; }

    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static partial int SchedSetScheduler(int pid, int policy, SchedParam* param);

    [LibraryImport("libc", EntryPoint = "strerror")]
    private static partial nint StrError(int errnum);

    /// <summary>SCHED_FIFO at <paramref name="priority"/> for thread <paramref name="tid"/>; ok or the errno's text.</summary>
    public static (bool Ok, string Detail) SetFifo(int tid, int priority)
    {
        var p = new SchedParam { Priority = priority };
        if (SchedSetScheduler(tid, (int)SchedulingPolicy.Fifo, &p) == 0) return (true, $"thread {tid}: SCHED_FIFO {priority}");
        int errno = Marshal.GetLastPInvokeError();
        return (false, $"thread {tid}: SCHED_FIFO {priority} refused: {Marshal.PtrToStringUTF8(StrError(errno))} (errno {errno})");
    }
}
