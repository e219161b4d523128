namespace Appliance.Hosting.Lifecycle;

/// <summary>
/// Test-only hooks into a running daemon, driven from the environment and refused under systemd: no config
/// key reaches them, and every unit systemd starts has $INVOCATION_ID set. Today one seam:
/// <c>APPLIANCE_TEST_FREEZE_FILE=/path</c> — when that file appears and names a hot thread ("strategy"), the
/// thread stops making progress (as a thread stuck in a bug would) so a test can watch the watchdog stop.
/// </summary>
public sealed class TestSeams
{
    public const string FreezeFileVariable = "APPLIANCE_TEST_FREEZE_FILE";

    private TestSeams(string? freezeFile) => FreezeFile = freezeFile;

    public static TestSeams None { get; } = new(null);

    public string? FreezeFile { get; }

    public bool Active => FreezeFile is not null;

    /// <summary>The seams the environment asks for, or none when systemd started us.</summary>
    public static TestSeams FromEnvironment(Func<string, string?> env)
    {
        if (!string.IsNullOrEmpty(env("INVOCATION_ID"))) return None;
        string? file = env(FreezeFileVariable);
        return string.IsNullOrEmpty(file) ? None : new TestSeams(file);
    }

    /// <summary>The thread the freeze file names, once it exists ("strategy"); null otherwise.</summary>
    public string? ThreadToFreeze()
    {
        if (FreezeFile is null) return null;
        try
        {
            return File.Exists(FreezeFile) ? File.ReadAllText(FreezeFile).Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
