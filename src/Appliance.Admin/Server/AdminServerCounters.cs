namespace Appliance.Admin.Server;

/// <summary>What the admin server has done since it started (a snapshot; see <see cref="AdminServer.Counters"/>).</summary>
public readonly record struct AdminServerCounters(
    long Connections,
    long ActiveConnections,
    long RefusedTooManyClients,
    long Requests,
    long Errors,
    long Forbidden,
    long RateLimited,
    long LinesTooLong,
    long IdleTimeouts,
    long SlowReaders,
    long InternalErrors);

/// <summary>The live counters behind <see cref="AdminServerCounters"/>: bumped by connection threads (cold path, interlocked).</summary>
internal sealed class AdminServerCounterSet
{
    public long Connections;
    public long Active;
    public long RefusedTooManyClients;
    public long Requests;
    public long Errors;
    public long Forbidden;
    public long RateLimited;
    public long LinesTooLong;
    public long IdleTimeouts;
    public long SlowReaders;
    public long InternalErrors;

    public AdminServerCounters Snapshot() => new(
        Volatile.Read(ref Connections),
        Volatile.Read(ref Active),
        Volatile.Read(ref RefusedTooManyClients),
        Volatile.Read(ref Requests),
        Volatile.Read(ref Errors),
        Volatile.Read(ref Forbidden),
        Volatile.Read(ref RateLimited),
        Volatile.Read(ref LinesTooLong),
        Volatile.Read(ref IdleTimeouts),
        Volatile.Read(ref SlowReaders),
        Volatile.Read(ref InternalErrors));
}
