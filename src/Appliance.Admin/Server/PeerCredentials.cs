using System.Net.Sockets;
using System.Runtime.InteropServices;
using Appliance.Admin.Unix;

namespace Appliance.Admin.Server;

/// <summary>
/// Who is on the other end of a Unix socket, as the kernel recorded it when the peer connected
/// (SO_PEERCRED: pid, effective uid and gid; SO_PEERGROUPS: its supplementary groups). The peer cannot
/// forge these; they are the credentials the kernel checked against the socket file's mode.
/// </summary>
public sealed record PeerCredentials(int Pid, uint Uid, uint Gid, IReadOnlyList<uint>? SupplementaryGroups)
{
    /// <summary>Read for a connected Unix stream socket; throws <see cref="SocketException"/> when the kernel refuses.</summary>
    public static unsafe PeerCredentials Read(Socket socket)
    {
        int fd = (int)socket.SafeHandle.DangerousGetHandle();
        UnixLibC.UCred cred;
        uint length = (uint)sizeof(UnixLibC.UCred);
        if (UnixLibC.GetSockOpt(fd, UnixLibC.SOL_SOCKET, UnixLibC.SO_PEERCRED, &cred, &length) != 0)
            throw new SocketException(Marshal.GetLastPInvokeError());
        return new PeerCredentials(cred.Pid, cred.Uid, cred.Gid, ReadGroups(fd));
    }

    // SO_PEERGROUPS (Linux 4.13+): null when the kernel does not have it, so the caller falls back to the
    // group database.
    private static unsafe uint[]? ReadGroups(int fd)
    {
        uint count = 64;
        for (int attempt = 0; attempt < 4; attempt++)
        {
            uint[] groups = new uint[count];
            uint length = count * sizeof(uint);
            int rc;
            fixed (uint* p = groups) rc = UnixLibC.GetSockOpt(fd, UnixLibC.SOL_SOCKET, UnixLibC.SO_PEERGROUPS, p, &length);
            if (rc == 0) return groups.AsSpan(0, (int)(length / sizeof(uint))).ToArray();
            int errno = Marshal.GetLastPInvokeError();
            if (errno != UnixLibC.ERANGE) return null;
            count = Math.Max(length / sizeof(uint), count * 2);
        }
        return null;
    }

    public override string ToString() => $"pid {Pid} uid {Uid} gid {Gid}";
}
