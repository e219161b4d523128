using System.Runtime.InteropServices;

namespace Appliance.Benchmarks.Time;

/// <summary>
/// Timestamp sources we measured for MonoClock. RDTSC has no .NET intrinsic, so it is called through a
/// ten-byte machine-code stub in an executable page, with SuppressGCTransition so the call is a plain call.
/// </summary>
public static unsafe partial class ClockCandidates
{
    public const int CLOCK_MONOTONIC = 1;
    public const int CLOCK_MONOTONIC_RAW = 4;
    public const int CLOCK_MONOTONIC_COARSE = 6;

    [StructLayout(LayoutKind.Sequential)]
    public struct TimeSpec { public long Seconds; public long Nanoseconds; }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    [SuppressGCTransition]
    public static partial int ClockGetTime(int clock, TimeSpec* ts);

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial nint Mmap(nint addr, nuint length, int prot, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "mprotect", SetLastError = true)]
    private static partial int Mprotect(nint addr, nuint length, int prot);

    public static readonly delegate* unmanaged[SuppressGCTransition]<ulong> Rdtsc = MakeStub([0x0F, 0x31]);
    public static readonly delegate* unmanaged[SuppressGCTransition]<ulong> Rdtscp = MakeStub([0x0F, 0x01, 0xF9]);

    public static long ClockGetTimeNanos(int clock)
    {
        TimeSpec ts;
        ClockGetTime(clock, &ts);
        return ts.Seconds * 1_000_000_000 + ts.Nanoseconds;
    }

    private static delegate* unmanaged[SuppressGCTransition]<ulong> MakeStub(byte[] readCounter)
    {
        // counter → edx:eax; shl rdx,32; or rax,rdx; ret
        byte[] code = [.. readCounter, 0x48, 0xC1, 0xE2, 0x20, 0x48, 0x09, 0xD0, 0xC3];
        const int PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4, MAP_PRIVATE = 2, MAP_ANONYMOUS = 0x20;
        nint page = Mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (page == -1) throw new InvalidOperationException("mmap failed");
        code.CopyTo(new Span<byte>((void*)page, code.Length));
        if (Mprotect(page, 4096, PROT_READ | PROT_EXEC) != 0) throw new InvalidOperationException("mprotect failed");
        return (delegate* unmanaged[SuppressGCTransition]<ulong>)page;
    }
}
