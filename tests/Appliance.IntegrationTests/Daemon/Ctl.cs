using System.Text.Json;

namespace Appliance.IntegrationTests.Daemon;

/// <summary>`appliance ctl --json` against a daemon's socket: the real client, the real socket.</summary>
public static class Ctl
{
    public static ApplianceProcess.Result Run(string socket, string request, bool json = true, string? prefixCommand = null) =>
        ApplianceProcess.Run($"ctl --socket {socket} {(json ? "--json " : "")}{request}", TimeSpan.FromSeconds(30), prefixCommand);

    /// <summary>The answer object of a request that must succeed.</summary>
    public static JsonElement Answer(string socket, string request)
    {
        var r = Run(socket, request);
        Assert.That(r.ExitCode, Is.Zero, $"ctl {request}: {r.Stdout}{r.Stderr}");
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.That(doc.RootElement.GetProperty("ok").GetBoolean(), Is.True, r.Stdout);
        return doc.RootElement.Clone();
    }

    /// <summary>Polls a verb until <paramref name="condition"/> holds on its answer.</summary>
    public static JsonElement WaitFor(string socket, string request, Func<JsonElement, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            var r = Run(socket, request);
            if (r.ExitCode == 0)
            {
                using var doc = JsonDocument.Parse(r.Stdout);
                last = doc.RootElement.Clone();
                if (condition(last)) return last;
            }
            Thread.Sleep(200);
        }
        Assert.Fail($"ctl {request}: condition not met within {timeout}; last answer: {last}");
        return last;
    }
}
