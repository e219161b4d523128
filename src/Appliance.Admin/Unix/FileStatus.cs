using System.Runtime.InteropServices;

namespace Appliance.Admin.Unix;

/// <summary>What <c>statx</c> says about a path without following a final symlink: its type, mode, owner and identity.</summary>
internal readonly record struct FileStatus(bool IsSocket, int Mode, uint Uid, uint Gid, ulong Device, ulong Inode)
{
    /// <summary>The path's status; false with the errno when it cannot be read (ENOENT when it does not exist).</summary>
    public static unsafe bool TryGet(string path, out FileStatus status, out int errno)
    {
        UnixLibC.Statx buffer = default;
        int rc = UnixLibC.StatX(UnixLibC.AT_FDCWD, path, UnixLibC.AT_SYMLINK_NOFOLLOW,
            UnixLibC.STATX_TYPE | UnixLibC.STATX_MODE | UnixLibC.STATX_UID | UnixLibC.STATX_GID | UnixLibC.STATX_INO, &buffer);
        if (rc != 0)
        {
            errno = Marshal.GetLastPInvokeError();
            status = default;
            return false;
        }
        errno = 0;
        status = new FileStatus(
            (buffer.Mode & UnixLibC.S_IFMT) == UnixLibC.S_IFSOCK,
            buffer.Mode & 0xFFF,
            buffer.Uid,
            buffer.Gid,
            ((ulong)buffer.DevMajor << 32) | buffer.DevMinor,
            buffer.Ino);
        return true;
    }

    /// <summary>The same file (device and inode), e.g. still the socket we bound and not a successor's.</summary>
    public bool SameFileAs(in FileStatus other) => Device == other.Device && Inode == other.Inode;
}
