using System.Runtime.InteropServices;

namespace Appliance.Primitives.Threading;

/// <summary>
/// The libc calls we need, source-generated (<see cref="LibraryImportAttribute"/>), so they are AOT- and trim-safe.
/// Linux x86-64/arm64 only; pid 0 means the calling thread for the sched_* calls.
/// </summary>
internal static unsafe partial class LibC
{
    private const string Lib = "libc";

    public const int SCHED_OTHER = 0;
    public const int SCHED_FIFO = 1;
    public const int SCHED_RR = 2;
    public const int SCHED_BATCH = 3;
    public const int SCHED_IDLE = 5;

    public const int MCL_CURRENT = 1;
    public const int MCL_FUTURE = 2;

    public const int RLIMIT_MEMLOCK = 8;
    public const int RLIMIT_RTPRIO = 14;
    public const ulong RLIM_INFINITY = ulong.MaxValue;

    public const int EPERM = 1;
    public const int EINVAL = 22;

    /// <summary>glibc's cpu_set_t: 1024 bits.</summary>
    public const int CpuSetBytes = 128;

    [StructLayout(LayoutKind.Sequential)]
    public struct SchedParam { public int Priority; }

    [StructLayout(LayoutKind.Sequential)]
    public struct RLimit { public ulong Current; public ulong Maximum; }

    [LibraryImport(Lib, EntryPoint = "sched_setaffinity", SetLastError = true)]
    public static partial int SchedSetAffinity(int pid, nuint cpuSetSize, byte* mask);

    [LibraryImport(Lib, EntryPoint = "sched_getaffinity", SetLastError = true)]
    public static partial int SchedGetAffinity(int pid, nuint cpuSetSize, byte* mask);

    [LibraryImport(Lib, EntryPoint = "sched_setscheduler", SetLastError = true)]
    public static partial int SchedSetScheduler(int pid, int policy, SchedParam* param);

    [LibraryImport(Lib, EntryPoint = "sched_getscheduler", SetLastError = true)]
    public static partial int SchedGetScheduler(int pid);

    [LibraryImport(Lib, EntryPoint = "sched_getparam", SetLastError = true)]
    public static partial int SchedGetParam(int pid, SchedParam* param);

    [LibraryImport(Lib, EntryPoint = "sched_get_priority_max", SetLastError = true)]
    public static partial int SchedGetPriorityMax(int policy);

    [LibraryImport(Lib, EntryPoint = "sched_get_priority_min", SetLastError = true)]
    public static partial int SchedGetPriorityMin(int policy);

    [LibraryImport(Lib, EntryPoint = "pthread_self")]
    public static partial nuint PthreadSelf();

    /// <summary>At most 16 bytes with the terminating NUL, else ERANGE (returned, not in errno).</summary>
    [LibraryImport(Lib, EntryPoint = "pthread_setname_np")]
    public static partial int PthreadSetName(nuint thread, byte* name);

    [LibraryImport(Lib, EntryPoint = "mlockall", SetLastError = true)]
    public static partial int MLockAll(int flags);

    [LibraryImport(Lib, EntryPoint = "munlockall", SetLastError = true)]
    public static partial int MUnlockAll();

    [LibraryImport(Lib, EntryPoint = "getrlimit", SetLastError = true)]
    public static partial int GetRLimit(int resource, RLimit* limit);

    [LibraryImport(Lib, EntryPoint = "gettid")]
    public static partial int GetTid();

    [LibraryImport(Lib, EntryPoint = "strerror")]
    private static partial nint StrError(int errnum);

    public static string ErrorText(int errno) => Marshal.PtrToStringUTF8(StrError(errno)) ?? $"errno {errno}";
}
