using System.Diagnostics;

namespace Appliance.Venue.Tests.Support;

/// <summary>Runs Peers/venue_client.py with Debian's python3 (python3-websockets): an independent client.</summary>
internal static class PythonClient
{
    private const string Python = "/usr/bin/python3";

    /// <summary>Runs the script to completion and returns its RESULT line's key=value pairs.</summary>
    public static async Task<Dictionary<string, string>> RunAsync(Uri uri, int count, string? request = null, TimeSpan? timeout = null)
    {
        if (!File.Exists(Python)) Assert.Fail($"{Python} not found: run scripts/bootstrap.sh (installs python3-websockets)");
        string script = Path.Combine(TestContext.CurrentContext.TestDirectory, "Peers", "venue_client.py");
        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(uri.ToString());
        info.ArgumentList.Add(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (request is not null) info.ArgumentList.Add(request);
        using var process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            Assert.Fail($"python client timed out: {await stderr}");
        }
        string output = await stdout;
        string? line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null) Assert.Fail($"python client failed ({process.ExitCode}): {output} {await stderr}");
        var result = new Dictionary<string, string>();
        string rest = line![7..];
        int reply = rest.IndexOf(" first_reply=", StringComparison.Ordinal);
        if (reply >= 0)
        {
            result["first_reply"] = rest[(reply + 13)..];
            rest = rest[..reply];
        }
        foreach (string pair in rest.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=');
            result[pair[..eq]] = pair[(eq + 1)..];
        }
        return result;
    }
}
