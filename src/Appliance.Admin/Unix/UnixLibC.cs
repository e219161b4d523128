using System.Runtime.InteropServices;

namespace Appliance.Admin.Unix;

/// <summary>
/// The libc calls the admin socket needs, source-generated (<see cref="LibraryImportAttribute"/>) so they are
/// AOT- and trim-safe. Linux only; struct layouts are the LP64 ones (x86-64 and arm64 agree on all of these).
/// </summary>
internal static unsafe partial class UnixLibC
{
    private const string Lib = "libc";

    public const int SOL_SOCKET = 1;
    public const int SO_PEERCRED = 17;
    public const int SO_PEERGROUPS = 59;

    public const int ENOENT = 2;
    public const int EACCES = 13;
    public const int EINTR = 4;
    public const int ERANGE = 34;
    public const int ENOPROTOOPT = 92;
    public const int EWOULDBLOCK = 11;

    public const int LOCK_EX = 2;
    public const int LOCK_NB = 4;

    public const int AT_FDCWD = -100;
    public const int AT_SYMLINK_NOFOLLOW = 0x100;
    public const uint STATX_TYPE = 0x1;
    public const uint STATX_MODE = 0x2;
    public const uint STATX_UID = 0x8;
    public const uint STATX_GID = 0x10;
    public const uint STATX_INO = 0x100;

    public const int S_IFMT = 0xF000;
    public const int S_IFSOCK = 0xC000;

    /// <summary>struct ucred.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct UCred
    {
        public int Pid;
        public uint Uid;
        public uint Gid;
    }

    /// <summary>struct statx: a fixed, architecture-independent layout (256 bytes), unlike struct stat.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    public struct Statx
    {
        [FieldOffset(0)] public uint Mask;
        [FieldOffset(20)] public uint Uid;
        [FieldOffset(24)] public uint Gid;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(32)] public ulong Ino;
        [FieldOffset(136)] public uint DevMajor;
        [FieldOffset(140)] public uint DevMinor;
    }

    [LibraryImport(Lib, EntryPoint = "getsockopt", SetLastError = true)]
    public static partial int GetSockOpt(int fd, int level, int name, void* value, uint* length);

    [LibraryImport(Lib, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int StatX(int dirfd, string path, int flags, uint mask, Statx* buffer);

    [LibraryImport(Lib, EntryPoint = "chmod", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Chmod(string path, uint mode);

    [LibraryImport(Lib, EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Chown(string path, uint owner, uint group);

    [LibraryImport(Lib, EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(int fd, int operation);

    [LibraryImport(Lib, EntryPoint = "geteuid")]
    public static partial uint GetEUid();

    // struct passwd { char* pw_name; char* pw_passwd; uid_t pw_uid; gid_t pw_gid; ... }: 48 bytes on LP64.
    [LibraryImport(Lib, EntryPoint = "getpwuid_r")]
    public static partial int GetPwUidR(uint uid, void* passwd, byte* buffer, nuint bufferLength, void** result);

    [LibraryImport(Lib, EntryPoint = "getpwnam_r", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int GetPwNamR(string name, void* passwd, byte* buffer, nuint bufferLength, void** result);

    // struct group { char* gr_name; char* gr_passwd; gid_t gr_gid; char** gr_mem; }: 32 bytes on LP64.
    [LibraryImport(Lib, EntryPoint = "getgrnam_r", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int GetGrNamR(string name, void* group, byte* buffer, nuint bufferLength, void** result);

    [LibraryImport(Lib, EntryPoint = "getgrgid_r")]
    public static partial int GetGrGidR(uint gid, void* group, byte* buffer, nuint bufferLength, void** result);

    [LibraryImport(Lib, EntryPoint = "getgrouplist", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int GetGroupList(string user, uint group, uint* groups, int* ngroups);

    [LibraryImport(Lib, EntryPoint = "strerror")]
    private static partial nint StrError(int errnum);

    public static string ErrorText(int errno) => Marshal.PtrToStringUTF8(StrError(errno)) ?? $"errno {errno}";
}
