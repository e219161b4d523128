using System.Text.Json;

namespace Appliance.Admin.Tests.TestSupport;

/// <summary>
/// A client in a child process running as another user (setpriv drops uid, gid and groups before exec), so
/// the server sees that user's credentials through SO_PEERCRED exactly as it would see an operator's.
/// </summary>
public static class OtherUidClient
{
    // Prints its pid, then one answer line per request (or "EACCES" when the socket's mode refuses it).
    private const string Script = """
import os, socket, sys
print(os.getpid(), flush=True)
s = socket.socket(socket.AF_UNIX)
try:
    s.connect(sys.argv[1])
except PermissionError:
    print("EACCES"); sys.exit(0)
f = s.makefile("rwb")
for request in sys.argv[2:]:
    try:
        f.write(request.encode() + b"\n"); f.flush()
    except OSError:
        pass  # refused and closed before the request went out: the refusal is still there to read
    print(f.readline().decode().rstrip("\n"), flush=True)
""";

    public sealed record Result(int Pid, IReadOnlyList<string> Lines);

    /// <param name="setprivArgs">e.g. <c>--reuid=nobody --regid=nogroup --clear-groups</c>.</param>
    public static Result Run(string socketPath, string setprivArgs, params string[] requests)
    {
        if (Environment.UserName != "root") Assert.Ignore("needs root to run a client as another user with setpriv");
        var r = ChildProcess.Run("setpriv", [.. setprivArgs.Split(' '), "/usr/bin/python3", "-c", Script, socketPath, .. requests]);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return new Result(int.Parse(lines[0]), lines[1..]);
    }

    public static JsonElement Answer(string line)
    {
        using var doc = JsonDocument.Parse(line);
        return doc.RootElement.Clone();
    }
}
