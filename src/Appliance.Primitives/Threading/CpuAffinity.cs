using System.Runtime.InteropServices;

namespace Appliance.Primitives.Threading;

/// <summary>CPU affinity of the calling thread (sched_setaffinity / sched_getaffinity with pid 0).</summary>
public static unsafe class CpuAffinity
{
    public static OsResult PinCurrentThread(int cpu) => PinCurrentThread(CpuSet.Of(cpu));

    /// <summary>Restricts the calling thread to <paramref name="cpus"/>; read it back with <see cref="GetCurrentThreadAffinity"/>.</summary>
    public static OsResult PinCurrentThread(CpuSet cpus)
    {
        string what = $"pin thread {LibC.GetTid()} to CPUs {cpus}";
        if (cpus.IsEmpty) return OsResult.Failure(what, LibC.EINVAL);
        byte* mask = stackalloc byte[LibC.CpuSetBytes];
        cpus.CopyTo(new Span<byte>(mask, LibC.CpuSetBytes));
        return LibC.SchedSetAffinity(0, LibC.CpuSetBytes, mask) == 0
            ? OsResult.Success(what)
            : OsResult.Failure(what, Marshal.GetLastPInvokeError());
    }

    public static CpuSet GetCurrentThreadAffinity()
    {
        byte* mask = stackalloc byte[LibC.CpuSetBytes];
        if (LibC.SchedGetAffinity(0, LibC.CpuSetBytes, mask) != 0)
            throw new InvalidOperationException($"sched_getaffinity: {LibC.ErrorText(Marshal.GetLastPInvokeError())}");
        return CpuSet.FromMask(new ReadOnlySpan<byte>(mask, LibC.CpuSetBytes));
    }

    /// <summary>The kernel thread id of the calling thread (what `ps -L`, `taskset -p` and /proc/self/task show).</summary>
    public static int CurrentThreadId => LibC.GetTid();
}
