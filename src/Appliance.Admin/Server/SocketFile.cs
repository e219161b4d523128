using System.Net.Sockets;
using System.Runtime.InteropServices;
using Appliance.Admin.Unix;
using Microsoft.Win32.SafeHandles;

namespace Appliance.Admin.Server;

/// <summary>
/// The listening socket file and its guard. Start-up order, and why:
/// <list type="number">
/// <item>an exclusive flock on <c>PATH.lock</c>: two daemons starting at once cannot both decide the socket is
/// stale and unlink each other's; the lock file stays (unlinking a lock file reopens that race);</item>
/// <item>an existing PATH that is not a socket is never touched; a socket that accepts a connection belongs to a
/// live server (perhaps an older version without the lock) and is never touched; only a socket that refuses
/// connections (ECONNREFUSED: nobody listens) is stale and unlinked;</item>
/// <item>bind, then chmod and chown, then listen: until listen() a connect is refused, so no client ever
/// reaches the socket before its mode and group are right.</item>
/// </list>
/// At stop the file is unlinked only if it is still the one we bound (same device and inode).
/// </summary>
internal sealed class SocketFile : IDisposable
{
    private readonly SafeFileHandle _lock;
    private readonly FileStatus _bound;

    private SocketFile(string path, Socket listener, SafeFileHandle lockHandle, FileStatus bound)
    {
        Path = path;
        Listener = listener;
        _lock = lockHandle;
        _bound = bound;
    }

    public string Path { get; }

    public Socket Listener { get; }

    /// <exception cref="AdminServerException">With the path and the reason.</exception>
    public static SocketFile Open(string path, UnixFileMode mode, uint? gid, int backlog)
    {
        string? directory = System.IO.Path.GetDirectoryName(path);
        if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
            throw new AdminServerException($"admin socket {path}: directory {directory} does not exist (systemd's RuntimeDirectory= creates /run/appliance)");

        SafeFileHandle lockHandle = AcquireLock(path + ".lock");
        Socket? listener = null;
        try
        {
            RemoveIfStale(path);
            listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                listener.Bind(new UnixDomainSocketEndPoint(path));
            }
            catch (SocketException e)
            {
                throw new AdminServerException($"admin socket {path}: bind failed: {e.Message}", e);
            }
            if (UnixLibC.Chmod(path, (uint)mode) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                throw new AdminServerException($"admin socket {path}: chmod {AdminServerOptions.FormatMode(mode)} failed: {UnixLibC.ErrorText(errno)}");
            }
            if (gid is uint g && UnixLibC.Chown(path, uint.MaxValue, g) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                throw new AdminServerException($"admin socket {path}: chown to group {g} failed: {UnixLibC.ErrorText(errno)} (the daemon must be root or a member of that group)");
            }
            if (!FileStatus.TryGet(path, out FileStatus bound, out int statErrno))
                throw new AdminServerException($"admin socket {path}: vanished after bind ({UnixLibC.ErrorText(statErrno)})");
            listener.Listen(backlog);
            return new SocketFile(path, listener, lockHandle, bound);
        }
        catch
        {
            listener?.Dispose();
            lockHandle.Dispose();
            throw;
        }
    }

    private static SafeFileHandle AcquireLock(string lockPath)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        }
        catch (IOException e)
        {
            // .NET takes a shared flock when it opens a file; it fails while another instance holds ours.
            throw new AdminServerException($"admin socket: {lockPath} is locked by another running instance ({e.Message})", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new AdminServerException($"admin socket: cannot open lock file {lockPath}: {e.Message}", e);
        }
        if (UnixLibC.Flock((int)handle.DangerousGetHandle(), UnixLibC.LOCK_EX | UnixLibC.LOCK_NB) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            handle.Dispose();
            throw new AdminServerException(errno == UnixLibC.EWOULDBLOCK
                ? $"admin socket: another instance holds {lockPath}; is the daemon already running?"
                : $"admin socket: flock {lockPath} failed: {UnixLibC.ErrorText(errno)}");
        }
        return handle;
    }

    private static void RemoveIfStale(string path)
    {
        if (!FileStatus.TryGet(path, out FileStatus status, out int errno))
        {
            if (errno == UnixLibC.ENOENT) return;
            throw new AdminServerException($"admin socket {path}: cannot stat: {UnixLibC.ErrorText(errno)}");
        }
        if (!status.IsSocket)
            throw new AdminServerException($"admin socket {path}: exists and is not a socket; refusing to replace it");

        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { Blocking = false };
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            // Nobody listens: left behind by a process that died without cleaning up.
            try
            {
                File.Delete(path);
            }
            catch (Exception d) when (d is IOException or UnauthorizedAccessException)
            {
                throw new AdminServerException($"admin socket {path}: stale socket cannot be removed: {d.Message}", d);
            }
            return;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock)
        {
            // Backlog full: very much alive.
        }
        catch (SocketException e)
        {
            throw new AdminServerException($"admin socket {path}: exists and cannot be probed ({e.SocketErrorCode}: {e.Message}); refusing to replace it", e);
        }
        throw new AdminServerException($"admin socket {path}: another process is listening on it; refusing to replace a live socket");
    }

    public void Dispose()
    {
        Listener.Dispose();
        if (FileStatus.TryGet(Path, out FileStatus now, out _) && now.SameFileAs(_bound))
        {
            try
            {
                File.Delete(Path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left behind: the next start finds it refusing connections and removes it.
            }
        }
        _lock.Dispose();
    }
}
