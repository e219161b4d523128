namespace Appliance.Admin.Protocol;

/// <summary>
/// The <c>error.code</c> values of a refused or failed request. Stable strings: scripts branch on them,
/// <c>appliance ctl</c> maps them to exit codes. docs/admin-protocol.md lists when each is sent.
/// </summary>
public static class AdminErrorCode
{
    /// <summary>The line is not a request: not UTF-8, a control character, an unterminated quote, too many words.</summary>
    public const string BadRequest = "bad_request";
    /// <summary>No command has that name.</summary>
    public const string UnknownVerb = "unknown_verb";
    /// <summary>The verb exists but its arguments are wrong; the answer carries the usage.</summary>
    public const string Usage = "usage";
    /// <summary>The peer may not run this (a mutating verb from a peer that is neither root nor in the admin group).</summary>
    public const string Forbidden = "forbidden";
    /// <summary>The request line was longer than the limit; the server closes the connection after this answer.</summary>
    public const string LineTooLong = "line_too_long";
    /// <summary>This connection sent requests faster than its rate; try again later.</summary>
    public const string RateLimited = "rate_limited";
    /// <summary>The server already serves its maximum of clients; the connection is closed after this answer.</summary>
    public const string TooManyClients = "too_many_clients";
    /// <summary>No complete request arrived within the idle timeout; the connection is closed after this answer.</summary>
    public const string IdleTimeout = "idle_timeout";
    /// <summary>The thing asked for does not exist (a stage, a symbol, a feed).</summary>
    public const string NotFound = "not_found";
    /// <summary>The request is valid but contradicts the current state (resume when not halted).</summary>
    public const string Conflict = "conflict";
    /// <summary>The daemon cannot answer this now (the component is not running yet).</summary>
    public const string Unavailable = "unavailable";
    /// <summary>The server is stopping and takes no more requests.</summary>
    public const string ShuttingDown = "shutting_down";
    /// <summary>The command failed unexpectedly; the daemon logged the details.</summary>
    public const string Internal = "internal";
}
