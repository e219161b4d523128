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
