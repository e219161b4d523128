namespace Appliance.Admin.Tests.TestSupport;

/// <summary>
/// Runs `appliance ctl` from the published native binary ($APPLIANCE_BIN, else artifacts/bin/appliance,
/// made by scripts/publish.sh, which scripts/test.sh runs first): the client operators actually use.
/// </summary>
public static class Ctl
{
    public static string BinaryPath
    {
        get
        {
            string path = Environment.GetEnvironmentVariable("APPLIANCE_BIN") is { Length: > 0 } p ? p : Path.Combine(RepoRoot(), "artifacts", "bin", "appliance");
            if (!File.Exists(path)) Assert.Fail($"no appliance binary at {path}: run ./scripts/publish.sh (./scripts/test.sh does)");
            return path;
        }
    }

    public static ChildProcess.Result Run(params string[] arguments) => ChildProcess.Run(BinaryPath, ["ctl", .. arguments]);

    /// <summary>As another user: <paramref name="setprivArgs"/> such as <c>--reuid=nobody --regid=nogroup --clear-groups</c>.</summary>
    public static ChildProcess.Result RunAs(string setprivArgs, params string[] arguments)
    {
        if (Environment.UserName != "root") Assert.Ignore("needs root to run ctl as another user with setpriv");
        return ChildProcess.Run("setpriv", [.. setprivArgs.Split(' '), BinaryPath, "ctl", .. arguments]);
    }

    public static ChildProcess.Result RunWithEnvironment(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        ChildProcess.Run(BinaryPath, ["ctl", .. arguments], environment: environment);

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Appliance.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no Appliance.sln above {AppContext.BaseDirectory}");
    }
}
