namespace Appliance.Admin.Client;

/// <summary>Why a request got no answer (as opposed to an error answer, which is an <see cref="AdminAnswer"/>).</summary>
public enum AdminClientFailure
{
    /// <summary>No server listens on the path (missing file, refused connection, connect timed out).</summary>
    Unavailable,
    /// <summary>The socket file's mode or group does not admit this user.</summary>
    PermissionDenied,
    /// <summary>Connected, but no complete answer arrived in time.</summary>
    Timeout,
    /// <summary>The server closed the connection without answering, or sent something that is not an answer.</summary>
    Protocol,
}
