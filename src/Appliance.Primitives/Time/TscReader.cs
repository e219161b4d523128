using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Appliance.Primitives.Time;

/// <summary>
/// RDTSC for .NET, which has no intrinsic for it: a ten-byte machine-code stub called through an unmanaged
/// function pointer with SuppressGCTransition (a plain call, ~8 ns here against ~25 ns for clock_gettime).
/// The stub page comes from a memfd mapped read+exec, never from a writable page made executable, so it also
/// works under systemd's MemoryDenyWriteExecute=yes; if neither way is allowed we report why and callers fall back.
/// </summary>
internal static unsafe partial class TscReader
{
    // lfence; rdtsc; shl rdx, 32; or rax, rdx; ret. Without the lfence RDTSC may execute before earlier loads
    // complete, and a stamp taken after seeing another core's stamp can read smaller (measured: up to 160 ns
    // inversions here); the kernel's vDSO uses the same lfence (rdtsc_ordered).
    // The unordered entry point starts 3 bytes in, after the lfence: same page, same counter.
    private static ReadOnlySpan<byte> Code => [0x0F, 0xAE, 0xE8, 0x0F, 0x31, 0x48, 0xC1, 0xE2, 0x20, 0x48, 0x09, 0xD0, 0xC3];

    /// <summary>Offset of the entry point without the lfence.</summary>
    public const int UnorderedOffset = 3;

    private const int PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4;
    private const int MAP_PRIVATE = 2, MAP_SHARED = 1, MAP_ANONYMOUS = 0x20;
    private const uint MFD_CLOEXEC = 1;

    [LibraryImport("libc", EntryPoint = "memfd_create", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int MemfdCreate(string name, uint flags);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial nint Mmap(nint addr, nuint length, int prot, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "mprotect", SetLastError = true)]
    private static partial int Mprotect(nint addr, nuint length, int prot);

    /// <summary>Null when the stub could not be made; <paramref name="why"/> says why.</summary>
    public static delegate* unmanaged[SuppressGCTransition]<ulong> TryCreate(out string why)
    {
        why = "";
        if (!X86Base.IsSupported || !Environment.Is64BitProcess)
        {
            why = "not an x86-64 process";
            return null;
        }
        nint page = FromMemfd(out string memfdWhy);
        if (page == 0) page = FromAnonymous(out why);
        if (page == 0)
        {
            why = $"no executable page for the stub (memfd: {memfdWhy}; anonymous: {why})";
            return null;
        }
        return (delegate* unmanaged[SuppressGCTransition]<ulong>)page;
    }

    private static nint FromMemfd(out string why)
    {
        why = "";
        int fd = MemfdCreate("appliance-rdtsc", MFD_CLOEXEC);
        if (fd < 0) { why = $"memfd_create errno {Marshal.GetLastPInvokeError()}"; return 0; }
        try
        {
            fixed (byte* p = Code)
                if (Write(fd, p, (nuint)Code.Length) != Code.Length) { why = $"write errno {Marshal.GetLastPInvokeError()}"; return 0; }
            nint page = Mmap(0, 4096, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
            if (page == -1) { why = $"mmap errno {Marshal.GetLastPInvokeError()}"; return 0; }
            return page;
        }
        finally { Close(fd); }
    }

    private static nint FromAnonymous(out string why)
    {
        why = "";
        nint page = Mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (page == -1) { why = $"mmap errno {Marshal.GetLastPInvokeError()}"; return 0; }
        Code.CopyTo(new Span<byte>((void*)page, Code.Length));
        if (Mprotect(page, 4096, PROT_READ | PROT_EXEC) != 0) { why = $"mprotect errno {Marshal.GetLastPInvokeError()}"; return 0; }
        return page;
    }
}
