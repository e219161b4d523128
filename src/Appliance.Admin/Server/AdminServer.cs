using System.Collections.Concurrent;
using System.Net.Sockets;
using Appliance.Admin.Commands;
using Appliance.Admin.Protocol;
using Appliance.Admin.Unix;
using Appliance.Logging;
using Appliance.Primitives.Threading;

namespace Appliance.Admin.Server;

/// <summary>
/// The admin socket server: one accept thread and one thread per client, all housekeeping threads (pinned
/// to <see cref="AdminServerOptions.Cpus"/> when given), so a slow or hostile client costs its own thread
/// and nothing else, and no admin work ever runs on a hot thread. Beyond <see cref="AdminServerOptions.MaxClients"/>
/// a client gets one <c>too_many_clients</c> answer from the accept thread and is closed. Handlers answer
/// from published snapshots (see docs/admin-protocol.md).
/// </summary>
public sealed partial class AdminServer : IDisposable
{
    private readonly AdminAccessPolicy _policy;
    private readonly RequestDispatcher _dispatcher;
    private readonly ConcurrentDictionary<AdminConnection, Thread> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly LogThrottle _busyLog = new(TimeSpan.FromSeconds(10));
    private readonly LogThrottle _limitLog = new(TimeSpan.FromSeconds(10));
    private readonly LogThrottle _pinLog = new(TimeSpan.FromMinutes(1));
    private readonly byte[] _tooManyClients;
    private readonly Logger? _log;
    private SocketFile? _socket;
    private Thread? _acceptThread;
    private int _state; // 0 new, 1 running, 2 stopped

    internal readonly AdminServerCounterSet CounterSet = new();

    /// <param name="commands">The host's verbs; <c>help</c> and <c>version</c> are added unless already there.</param>
    public AdminServer(AdminServerOptions options, CommandRegistry commands)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(commands);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException("invalid admin server options: " + string.Join("; ", errors), nameof(options));
        Options = options;
        Commands = commands;
        _log = options.Log;
        _policy = new AdminAccessPolicy(options.AdminGroup);
        StartedUtc = DateTimeOffset.UtcNow;
        BuiltinCommands.Register(commands, options.Product, options.Version, StartedUtc);
        _dispatcher = new RequestDispatcher(commands, _policy, _log, CounterSet, _stopping.Token);
        _tooManyClients = AnswerWriter.ErrorLine(AdminErrorCode.TooManyClients,
            $"the admin socket already serves {options.MaxClients} clients; try again shortly");
    }

    public AdminServerOptions Options { get; }

    /// <summary>The verbs this server answers; a host may register more while it runs.</summary>
    public CommandRegistry Commands { get; }

    public string SocketPath => Options.SocketPath;

    public DateTimeOffset StartedUtc { get; }

    public AdminAccessPolicy AccessPolicy => _policy;

    public AdminServerCounters Counters => CounterSet.Snapshot();

    internal bool IsStopping => _stopping.IsCancellationRequested;

    /// <summary>Binds the socket (handling a stale one) and starts accepting. <exception cref="AdminServerException">With the path and reason.</exception></summary>
    public void Start()
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0) throw new InvalidOperationException("the admin server was already started");
        uint? socketGid = null;
        if (Options.SocketGroup is { } group)
        {
            if (!UnixAccounts.TryResolveGroup(group, out uint gid))
            {
                Volatile.Write(ref _state, 2);
                throw new AdminServerException($"admin socket {Options.SocketPath}: no group '{group}' on this host");
            }
            socketGid = gid;
        }
        try
        {
            _socket = SocketFile.Open(Options.SocketPath, Options.SocketMode, socketGid, Options.Backlog);
        }
        catch
        {
            Volatile.Write(ref _state, 2);
            throw;
        }
        if (Options.AdminGroup is not null && _policy.AdminGid is null && _log is { } l)
            l.Warn($"admin: admin group '{Options.AdminGroup}' does not exist on this host: only root may run mutating verbs");
        _acceptThread = NamedThread.Create("admin-accept", AcceptLoop);
        _acceptThread.Start();
        if (_log is { } log) log.Info($"admin: listening on {Options.Describe()}");
    }

    /// <summary>Stops accepting, closes every connection (a handler still running finishes its answer first) and removes the socket file.</summary>
    public void Stop(TimeSpan timeout)
    {
        if (Interlocked.Exchange(ref _state, 2) != 1) return;
        _stopping.Cancel();
        try
        {
            _socket!.Listener.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // A listening socket may report ENOTCONN; the close below still ends accept().
        }
        _socket!.Dispose();
        // Every client is told shutting_down and closed; one stuck sending to a reader that stopped reading is cut
        // after a short grace, and the send timeout bounds the rest.
        foreach (var connection in _connections.Keys) connection.StopReceiving();

        var deadline = DateTime.UtcNow + timeout;
        if (_acceptThread is { } accept && !accept.Join(Remaining(deadline)) && _log is { } l1)
            l1.Warn($"admin: accept thread did not stop within {timeout.TotalSeconds:0.###} s");
        var grace = DateTime.UtcNow + TimeSpan.FromMilliseconds(Math.Min(200, timeout.TotalMilliseconds / 4));
        foreach (var (connection, thread) in _connections)
            if (!thread.Join(Remaining(grace))) connection.Abort();
        foreach (var (_, thread) in _connections)
            if (!thread.Join(Remaining(deadline)) && _log is { } l2)
                l2.Warn($"admin: a connection thread did not stop within {timeout.TotalSeconds:0.###} s (a handler still running?)");
    }

    public void Dispose() => Stop(TimeSpan.FromSeconds(5));

    private static TimeSpan Remaining(DateTime deadline)
    {
        var left = deadline - DateTime.UtcNow;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    internal void OnConnectionClosed(AdminConnection connection)
    {
        _connections.TryRemove(connection, out _);
        Interlocked.Decrement(ref CounterSet.Active);
    }

    internal void LogLimit(AdminConnection connection, string what)
    {
        if (_log is { } l && _limitLog.TryEnter(out long suppressed))
        {
            var peer = connection.Peer;
            l.Warn($"admin: {what} for pid {peer?.Pid ?? 0} uid {peer?.Uid ?? 0} ({suppressed} other limit events since the last such line)");
        }
    }

    internal void ReportConnectionFailure(AdminConnection connection, Exception e)
    {
        Interlocked.Increment(ref CounterSet.InternalErrors);
        if (_log is { } l) l.Error($"admin: connection of {connection.Peer?.ToString() ?? "unknown peer"} failed: {e.ToString()}");
    }

    private void PinCurrentThread()
    {
        if (Options.Cpus is not { } cpus) return;
        var result = CpuAffinity.PinCurrentThread(cpus);
        if (!result.Ok && _log is { } l && _pinLog.TryEnter(out _)) l.Warn($"admin: could not pin {Thread.CurrentThread.Name ?? "thread"} to CPUs {cpus.ToString()}: {result.ToString()}");
    }
}
