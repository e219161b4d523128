using System.Diagnostics;

namespace Appliance.Hosting.Tests.Support;

/// <summary>The repository root and running its scripts.</summary>
public static class Repo
{
    public static string Root { get; } = Find();

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result RunScript(string relativePath, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo("bash", [Path.Combine(Root, relativePath)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (environment is not null) foreach (var (k, v) in environment) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout ?? TimeSpan.FromSeconds(60)))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"{relativePath} did not finish within {timeout ?? TimeSpan.FromSeconds(60)}");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Appliance.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no Appliance.sln above {AppContext.BaseDirectory}");
    }
}
