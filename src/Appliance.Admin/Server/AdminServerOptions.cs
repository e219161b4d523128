using System.Globalization;
using System.Reflection;
using Appliance.Admin.Protocol;
using Appliance.Admin.Unix;
using Appliance.Logging;
using Appliance.Primitives.Threading;

namespace Appliance.Admin.Server;

/// <summary>Where and how the admin server listens, who may change state, and the limits that keep a client from hurting anything.</summary>
public sealed record AdminServerOptions
{
    /// <summary>The socket file (at most 107 bytes). Its directory must exist; systemd's RuntimeDirectory= makes /run/appliance.</summary>
    public string SocketPath { get; init; } = AdminProtocol.DefaultSocketPath;

    /// <summary>Permission bits of the socket file: who may connect at all (and so run read-only verbs). 0660 by default.</summary>
    public UnixFileMode SocketMode { get; init; } = (UnixFileMode)0b110_110_000;

    /// <summary>Group of the socket file (name or number); null leaves the group the file was created with.</summary>
    public string? SocketGroup { get; init; }

    /// <summary>Members of this group (name or number) may run mutating verbs, besides root. Null: root only.</summary>
    public string? AdminGroup { get; init; } = "appliance-admin";

    /// <summary>Connections served at once; one more is answered <c>too_many_clients</c> and closed.</summary>
    public int MaxClients { get; init; } = 16;

    /// <summary>
    /// Connections beyond <see cref="MaxClients"/> kept for peers who may mutate (root, the admin group), so a
    /// flood of read-only clients cannot lock the operator out of <c>halt</c>.
    /// </summary>
    public int ReservedAdminClients { get; init; } = 2;

    /// <summary>Sustained requests per second per connection (token-bucket refill rate).</summary>
    public double RequestsPerSecond { get; init; } = 20;

    /// <summary>Requests a connection may send at once before the rate applies (token-bucket size).</summary>
    public int RequestBurst { get; init; } = 40;

    /// <summary>A complete request line must arrive within this after the connection opened or the last answer; else <c>idle_timeout</c> and close.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A client that does not read its answer for this long is disconnected.</summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Connections the kernel queues before the server accepts them.</summary>
    public int Backlog { get; init; } = 128;

    /// <summary>CPUs the server's threads may run on (housekeeping cores); null inherits the process's affinity.</summary>
    public CpuSet? Cpus { get; init; }

    /// <summary>Where refusals, limits and mutating requests are logged (category <c>Admin</c> is a good name); null logs nothing.</summary>
    public Logger? Log { get; init; }

    /// <summary>Reported by <c>version</c>.</summary>
    public string Product { get; init; } = "appliance";

    /// <summary>Reported by <c>version</c>; the entry assembly's informational version by default.</summary>
    public string Version { get; init; } = DefaultVersion();

    /// <summary>Every problem with these options, each naming its option; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(SocketPath)) errors.Add("SocketPath: must not be empty");
        else
        {
            if (!Path.IsPathFullyQualified(SocketPath)) errors.Add($"SocketPath: '{SocketPath}' must be an absolute path");
            // sockaddr_un.sun_path is 108 bytes including the terminating NUL.
            if (System.Text.Encoding.UTF8.GetByteCount(SocketPath) > 107) errors.Add($"SocketPath: '{SocketPath}' is longer than 107 bytes (the limit of a Unix socket address)");
        }
        if (((int)SocketMode & ~0x1FF) != 0) errors.Add($"SocketMode: {FormatMode(SocketMode)} has bits beyond rwxrwxrwx");
        if (((int)SocketMode & 0b110_000_000) != 0b110_000_000) errors.Add($"SocketMode: {FormatMode(SocketMode)} must let the owner read and write (0600 at least)");
        if (SocketGroup is not null && !UnixAccounts.TryResolveGroup(SocketGroup, out _)) errors.Add($"SocketGroup: no group '{SocketGroup}' on this host");
        if (MaxClients is < 1 or > 4096) errors.Add($"MaxClients: {MaxClients} must be from 1 to 4096");
        if (ReservedAdminClients is < 0 or > 64) errors.Add($"ReservedAdminClients: {ReservedAdminClients} must be from 0 to 64");
        if (!(RequestsPerSecond > 0) || RequestsPerSecond > 1e6) errors.Add($"RequestsPerSecond: {RequestsPerSecond} must be positive (at most 1e6)");
        if (RequestBurst is < 1 or > 100_000) errors.Add($"RequestBurst: {RequestBurst} must be from 1 to 100000");
        if (IdleTimeout <= TimeSpan.Zero || IdleTimeout > TimeSpan.FromDays(1)) errors.Add($"IdleTimeout: {IdleTimeout} must be positive and at most a day");
        if (SendTimeout <= TimeSpan.Zero || SendTimeout > TimeSpan.FromMinutes(10)) errors.Add($"SendTimeout: {SendTimeout} must be positive and at most 10 minutes");
        if (Backlog is < 1 or > 65535) errors.Add($"Backlog: {Backlog} must be from 1 to 65535");
        return errors;
    }

    /// <summary>Reads an octal mode as written in config files and chmod ("0660", "660").</summary>
    public static bool TryParseMode(string text, out UnixFileMode mode)
    {
        mode = 0;
        if (string.IsNullOrEmpty(text) || text.Length > 4) return false;
        int value = 0;
        foreach (char c in text)
        {
            if (c is < '0' or > '7') return false;
            value = value * 8 + (c - '0');
        }
        if (value > 0x1FF) return false;
        mode = (UnixFileMode)value;
        return true;
    }

    public static string FormatMode(UnixFileMode mode) => "0" + Convert.ToString((int)mode, 8).PadLeft(3, '0');

    private static string DefaultVersion() =>
        Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(AdminServerOptions).Assembly.GetName().Version?.ToString(3)
        ?? "0.0.0";

    internal string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{SocketPath} mode {FormatMode(SocketMode)}{(SocketGroup is null ? "" : $" group {SocketGroup}")}, admin group {AdminGroup ?? "(none: root only)"}, max {MaxClients} clients (+{ReservedAdminClients} for admins), {RequestsPerSecond}/s burst {RequestBurst}, idle {IdleTimeout.TotalSeconds} s");
}
