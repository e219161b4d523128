namespace Appliance.Primitives.Threading;

/// <summary>
/// The outcome of an OS request that the caller reports rather than throws on: what was asked, whether it
/// took, and the errno text if not. <see cref="IsPrivilegeError"/> tells "not allowed here" (a warning
/// unless the caller requires it) from a real failure (bad CPU id, bad priority).
/// </summary>
public readonly record struct OsResult(bool Ok, string What, int Errno, string Error)
{
    public static OsResult Success(string what) => new(true, what, 0, "");

    public static OsResult Failure(string what, int errno) => new(false, what, errno, LibC.ErrorText(errno));

    public bool IsPrivilegeError => !Ok && Errno == LibC.EPERM;

    public override string ToString() => Ok ? $"{What}: ok" : $"{What}: failed ({Error}, errno {Errno})";
}
