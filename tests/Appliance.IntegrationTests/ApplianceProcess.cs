using System.Diagnostics;

namespace Appliance.IntegrationTests;

/// <summary>Runs the published `appliance` binary and captures what it printed.</summary>
public static class ApplianceProcess
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>$APPLIANCE_BIN, else artifacts/bin/appliance (scripts/publish.sh, run by scripts/test.sh).</summary>
    public static string BinaryPath
    {
        get
        {
            string path = Environment.GetEnvironmentVariable("APPLIANCE_BIN") is { Length: > 0 } p ? p : Path.Combine(RepoRoot, "artifacts", "bin", "appliance");
            if (!File.Exists(path)) Assert.Fail($"no appliance binary at {path}: run ./scripts/publish.sh (./scripts/test.sh does)");
            return path;
        }
    }

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(string arguments, TimeSpan? timeout = null, string? prefixCommand = null)
    {
        var psi = prefixCommand is null
            ? new ProcessStartInfo(BinaryPath, arguments)
            : new ProcessStartInfo(prefixCommand.Split(' ')[0], $"{string.Join(' ', prefixCommand.Split(' ').Skip(1))} {BinaryPath} {arguments}");
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout ?? TimeSpan.FromSeconds(30)))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"appliance {arguments} did not exit within {timeout ?? TimeSpan.FromSeconds(30)}");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Appliance.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no Appliance.sln above {AppContext.BaseDirectory}");
    }
}
