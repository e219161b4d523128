using System.CommandLine;
using System.Text;
using Appliance.Admin.Client;
using Appliance.Admin.Protocol;

namespace Appliance.Cli;

/// <summary>
/// `appliance ctl [--socket PATH] [--json] [--timeout SECONDS] VERB …`: one request to the daemon's admin
/// socket; the answer as tables for people, or its JSON line as received with --json. Exit codes follow
/// sysexits (docs/admin-protocol.md): 0 ok, 64 usage, 69 no daemon, 70 internal, 75 try again, 77 not permitted, 1 other errors.
/// </summary>
internal static class CtlCommand
{
    /// <summary>Overrides the default socket path when --socket is not given.</summary>
    public const string SocketEnvironmentVariable = "APPLIANCE_ADMIN_SOCKET";

    public static Command Create()
    {
        var socket = new Option<string?>("--socket") { Description = $"Admin socket (default ${SocketEnvironmentVariable}, else {AdminProtocol.DefaultSocketPath})" };
        var json = new Option<bool>("--json") { Description = "Print the answer's JSON line as received." };
        var timeout = new Option<double?>("--timeout") { Description = "Seconds to wait for the answer (default 30)." };
        var request = new Argument<string[]>("request")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = "The verb and its arguments (e.g. latency decode --hgrm); `appliance ctl help` lists the verbs.",
        };
        var cmd = new Command("ctl", "Send a request to the daemon's admin socket and print the answer.") { socket, json, timeout, request };
        // Options after the verb (--hgrm, --for 60s) belong to the request, not to ctl.
        cmd.TreatUnmatchedTokensAsErrors = false;
        cmd.SetAction(parse =>
        {
            string path = parse.GetValue(socket)
                ?? (Environment.GetEnvironmentVariable(SocketEnvironmentVariable) is { Length: > 0 } env ? env : AdminProtocol.DefaultSocketPath);
            double seconds = parse.GetValue(timeout) ?? 30;
            if (!(seconds > 0) || seconds > 86400)
            {
                Console.Error.WriteLine($"appliance ctl: --timeout {seconds} must be a positive number of seconds");
                return ExitCodes.Usage;
            }
            string[] words = [.. parse.GetValue(request) ?? [], .. parse.UnmatchedTokens];
            return Run(path, parse.GetValue(json), TimeSpan.FromSeconds(seconds), words, Console.Out, Console.Error);
        });
        return cmd;
    }

    internal static int Run(string path, bool json, TimeSpan timeout, IReadOnlyList<string> words, TextWriter stdout, TextWriter stderr)
    {
        if (words.Count == 0)
        {
            stderr.WriteLine("appliance ctl: give a verb; `appliance ctl help` lists them");
            return ExitCodes.Usage;
        }
        string line = RequestTokenizer.Join(words);
        if (Encoding.UTF8.GetByteCount(line) > AdminProtocol.MaxRequestLineBytes)
        {
            stderr.WriteLine($"appliance ctl: the request is longer than {AdminProtocol.MaxRequestLineBytes} bytes");
            return ExitCodes.Usage;
        }
        AdminAnswer answer;
        try
        {
            using var client = AdminClient.Connect(path, timeout);
            answer = client.Send(line, timeout);
        }
        catch (AdminClientException e)
        {
            stderr.WriteLine($"appliance ctl: {e.Message}");
            return e.Failure switch
            {
                AdminClientFailure.PermissionDenied => ExitCodes.NoPermission,
                AdminClientFailure.Timeout => ExitCodes.TempFail,
                AdminClientFailure.Protocol => ExitCodes.Protocol,
                _ => ExitCodes.Unavailable,
            };
        }
        using (answer)
        {
            if (json) stdout.WriteLine(answer.Line);
            if (!answer.Ok)
            {
                if (!json)
                {
                    stderr.WriteLine($"appliance ctl: {words[0]}: {answer.ErrorCode}: {answer.ErrorMessage}");
                    if (answer.Usage is { } usage) stderr.WriteLine($"usage: {usage}");
                }
                return ExitCodeFor(answer.ErrorCode);
            }
            if (!json) AnswerRenderer.Render(VerbOf(words), answer.Root, stdout);
            return ExitCodes.Ok;
        }
    }

    /// <summary>The exit code for an error answer (see docs/admin-protocol.md).</summary>
    internal static int ExitCodeFor(string? code) => code switch
    {
        AdminErrorCode.Usage or AdminErrorCode.UnknownVerb or AdminErrorCode.BadRequest or AdminErrorCode.LineTooLong => ExitCodes.Usage,
        AdminErrorCode.Forbidden => ExitCodes.NoPermission,
        AdminErrorCode.TooManyClients or AdminErrorCode.RateLimited or AdminErrorCode.IdleTimeout or AdminErrorCode.ShuttingDown => ExitCodes.TempFail,
        AdminErrorCode.Unavailable => ExitCodes.Unavailable,
        AdminErrorCode.Internal => ExitCodes.Software,
        _ => ExitCodes.Failure,
    };

    // The renderer's key: "log level …" renders generically, the single-word verbs by name.
    private static string VerbOf(IReadOnlyList<string> words) => words[0];
}
