namespace Appliance.Hosting.Systemd;

/// <summary>What systemd told this process through its environment (systemd.exec(5)), read once at start.</summary>
public sealed record SystemdEnvironment
{
    /// <summary>$NOTIFY_SOCKET: where sd_notify messages go; null when not started as Type=notify.</summary>
    public string? NotifySocket { get; init; }

    /// <summary>$WATCHDOG_USEC, when it applies to this process ($WATCHDOG_PID unset or ours).</summary>
    public TimeSpan? WatchdogInterval { get; init; }

    /// <summary>$INVOCATION_ID: set for every process systemd starts as a unit.</summary>
    public string? InvocationId { get; init; }

    /// <summary>$JOURNAL_STREAM ("device:inode" of the journal stream connected to stdout/stderr).</summary>
    public string? JournalStream { get; init; }

    /// <summary>$CREDENTIALS_DIRECTORY (LoadCredential=, SetCredential=).</summary>
    public string? CredentialsDirectory { get; init; }

    /// <summary>True when systemd started this process as a unit.</summary>
    public bool UnderSystemd => InvocationId is not null;

    public static SystemdEnvironment FromProcess() => Read(Environment.GetEnvironmentVariable, Environment.ProcessId);

    public static SystemdEnvironment Read(Func<string, string?> env, int pid)
    {
        TimeSpan? watchdog = null;
        if (long.TryParse(env("WATCHDOG_USEC"), out long usec) && usec > 0)
        {
            string? watchdogPid = env("WATCHDOG_PID");
            if (string.IsNullOrEmpty(watchdogPid) || (int.TryParse(watchdogPid, out int p) && p == pid))
                watchdog = TimeSpan.FromMicroseconds(usec);
        }
        return new SystemdEnvironment
        {
            NotifySocket = Empty(env("NOTIFY_SOCKET")),
            WatchdogInterval = watchdog,
            InvocationId = Empty(env("INVOCATION_ID")),
            JournalStream = Empty(env("JOURNAL_STREAM")),
            CredentialsDirectory = Empty(env("CREDENTIALS_DIRECTORY")),
        };
    }

    /// <summary>
    /// Whether stdout is the journal stream systemd set up (and not, say, a pipe the unit redirected it to):
    /// the socket inode of fd 1 must be the inode in $JOURNAL_STREAM.
    /// </summary>
    public bool StdoutIsJournal()
    {
        if (JournalStream is not { } stream) return false;
        int colon = stream.IndexOf(':');
        if (colon < 0) return false;
        string inode = stream[(colon + 1)..];
        try
        {
            // /proc/self/fd/1 -> "socket:[12345]"
            string? target = new FileInfo("/proc/self/fd/1").LinkTarget;
            return target is not null && target == $"socket:[{inode}]";
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string? Empty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
