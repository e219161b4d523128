using System.Diagnostics;

namespace Appliance.Admin.Tests.TestSupport;

/// <summary>Runs Prometheus's own checker (Debian package prometheus, installed by scripts/bootstrap.sh) on an exposition.</summary>
public static class Promtool
{
    public static (int ExitCode, string Output) CheckMetrics(string exposition)
    {
        const string path = "/usr/bin/promtool";
        if (!File.Exists(path)) Assert.Fail($"{path} is missing: run ./scripts/bootstrap.sh (installs the Debian package prometheus)");
        var psi = new ProcessStartInfo(path, "check metrics")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardInput.Write(exposition);
        p.StandardInput.Close();
        if (!p.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            p.Kill();
            Assert.Fail("promtool did not finish within 30 s");
        }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}
