namespace Appliance.Hosting.Lifecycle;

/// <summary>The daemon's exit codes, from sysexits.h, so systemd (RestartPreventExitStatus=) and people can tell them apart.</summary>
public static class DaemonExitCodes
{
    public const int Ok = 0;
    /// <summary>EX_UNAVAILABLE: the feeds did not deliver within systemd.readyTimeoutSeconds.</summary>
    public const int Unavailable = 69;
    /// <summary>EX_SOFTWARE: an internal error.</summary>
    public const int Software = 70;
    /// <summary>EX_OSERR: an OS resource could not be had (threads, sockets).</summary>
    public const int OsError = 71;
    /// <summary>EX_CANTCREAT: the admin socket, journal or log file could not be created.</summary>
    public const int CannotCreate = 73;
    /// <summary>EX_CONFIG: the configuration is invalid, or requires what this host does not give (isolated CPUs, SCHED_FIFO).</summary>
    public const int Config = 78;
}
