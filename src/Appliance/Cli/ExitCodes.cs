namespace Appliance.Cli;

/// <summary>Exit codes, from sysexits.h where one fits: scripts and systemd tell a bad config from a crash.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    /// <summary>EX_USAGE: the command line was wrong.</summary>
    public const int Usage = 64;
    /// <summary>EX_DATAERR: the input data (a journal, a frame stream) was wrong.</summary>
    public const int DataError = 65;
    /// <summary>EX_NOINPUT: an input file does not exist or cannot be read.</summary>
    public const int NoInput = 66;
    /// <summary>EX_UNAVAILABLE: a peer or service could not be reached.</summary>
    public const int Unavailable = 69;
    /// <summary>EX_SOFTWARE: an internal error.</summary>
    public const int Software = 70;
    /// <summary>EX_TEMPFAIL: a temporary refusal (busy, rate-limited, stopping, timed out); try again.</summary>
    public const int TempFail = 75;
    /// <summary>EX_PROTOCOL: the peer answered something that breaks the protocol.</summary>
    public const int Protocol = 76;
    /// <summary>EX_NOPERM: not permitted (the admin socket's mode, or a mutating verb for a non-admin).</summary>
    public const int NoPermission = 77;
    /// <summary>EX_CONFIG: the configuration is invalid (systemd's RestartPreventExitStatus uses this).</summary>
    public const int Config = 78;
}
