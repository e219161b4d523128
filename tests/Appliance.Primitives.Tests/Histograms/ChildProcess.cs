using System.Diagnostics;

namespace Appliance.Primitives.Tests.Histograms;

/// <summary>Runs a reference implementation as a child process; a missing tool fails the test with the fix.</summary>
internal static class ChildProcess
{
    public static string Run(string fileName, IEnumerable<string> arguments, string workingDirectory, byte[]? stdin, string missingHint)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            Assert.Fail($"Cannot start {fileName} ({ex.Message}): {missingHint}");
            throw;
        }

        using (process)
        {
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            if (stdin is not null)
                process.StandardInput.BaseStream.Write(stdin);
            process.StandardInput.Close();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{fileName} {string.Join(' ', arguments)} did not finish within 2 minutes.");
            }
            Assert.That(process.ExitCode, Is.Zero, $"{fileName} {string.Join(' ', arguments)} failed: {stderr.Result}");
            return stdout.Result;
        }
    }
}
