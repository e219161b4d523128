namespace Appliance.Admin.Protocol;

/// <summary>
/// Thrown by a command handler (or the argument parser) to answer with an error instead of a result:
/// <c>{"ok":false,"error":{"code":…,"message":…}}</c>. The admin path is cold, so errors are exceptions.
/// </summary>
public sealed class AdminException : Exception
{
    public AdminException(string code, string message, string? usage = null) : base(message)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        Code = code;
        Usage = usage;
    }

    /// <summary>One of <see cref="AdminErrorCode"/> (or a host's own snake_case code).</summary>
    public string Code { get; }

    /// <summary>The verb's usage line, sent with usage errors so the caller sees the right form.</summary>
    public string? Usage { get; }

    public static AdminException NotFound(string message) => new(AdminErrorCode.NotFound, message);
    public static AdminException Conflict(string message) => new(AdminErrorCode.Conflict, message);
    public static AdminException Unavailable(string message) => new(AdminErrorCode.Unavailable, message);
}
