using System.Buffers;
using System.Text.Json;
using Appliance.Admin.Commands;
using Appliance.Admin.Protocol;
using Appliance.Logging;

namespace Appliance.Admin.Server;

/// <summary>
/// Turns one request line into one answer line: words, verb, access check, arguments, handler, envelope.
/// Independent of sockets, so every rule of the protocol is testable on its own; the connection feeds it.
/// </summary>
internal sealed class RequestDispatcher(
    CommandRegistry registry,
    AdminAccessPolicy policy,
    Logger? log,
    AdminServerCounterSet counters,
    CancellationToken stopping)
{
    private readonly LogThrottle _forbiddenLog = new(TimeSpan.FromMilliseconds(100));

    /// <summary>
    /// Writes the answer to <paramref name="line"/> (without its LF) into <paramref name="output"/>, ending
    /// with LF; false (and nothing written) for a blank line, which is not a request.
    /// </summary>
    public bool Answer(ReadOnlySpan<byte> line, PeerCredentials peer, ArrayBufferWriter<byte> output, Utf8JsonWriter json)
    {
        output.ResetWrittenCount();
        json.Reset(output);
        List<string> words;
        try
        {
            words = RequestTokenizer.Tokenize(line);
        }
        catch (AdminException e)
        {
            return WriteError(e.Code, e.Message, null, output, json);
        }
        if (words.Count == 0) return false;
        Interlocked.Increment(ref counters.Requests);

        AdminCommand? command = null;
        try
        {
            command = registry.Resolve(words, out int nameWords);
            AdminVerb verb = command.Verb;
            if (verb.Mutates) Authorize(verb, peer, words);
            ParsedArguments args = verb.Parse(words.GetRange(nameWords, words.Count - nameWords));
            if (!verb.Mutates && verb.IsMutating(args)) Authorize(verb, peer, words);

            AnswerWriter.BeginOk(json);
            command.Handler(new AdminCommandContext(command, args, peer, json, stopping));
            json.WriteEndObject();
            json.Flush();
            if (json.CurrentDepth != 0) throw new InvalidOperationException($"the handler of '{verb.Name}' left {json.CurrentDepth} JSON object(s) or array(s) open");
            output.Write("\n"u8);
            return true;
        }
        catch (AdminException e)
        {
            return WriteError(e.Code, e.Message, e.Usage, output, json);
        }
        catch (Exception e)
        {
            Interlocked.Increment(ref counters.InternalErrors);
            string verb = command?.Name ?? words[0];
            if (log is { } l) l.Error($"admin: '{verb}' from {peer.ToString()} failed: {e.ToString()}");
            return WriteError(AdminErrorCode.Internal, $"{verb} failed: {e.GetType().Name}: {e.Message}", null, output, json);
        }
    }

    private void Authorize(AdminVerb verb, PeerCredentials peer, List<string> words)
    {
        if (policy.MayMutate(peer, out string grounds))
        {
            if (log is { } l) l.Info($"admin: {peer.ToString()} ({grounds}) runs: {RequestTokenizer.Join(words)}");
            return;
        }
        Interlocked.Increment(ref counters.Forbidden);
        // Every refusal is counted; the log gets at most ten a second, so a refused client cannot flood it.
        if (log is { } w && _forbiddenLog.TryEnter(out long suppressed))
            w.Warn($"admin: refused '{verb.Name}' from pid {peer.Pid} uid {peer.Uid} gid {peer.Gid}: {grounds}{(suppressed > 0 ? $" ({suppressed} similar refusals not logged)" : "")}");
        throw new AdminException(AdminErrorCode.Forbidden,
            $"'{verb.Name}' changes the daemon's state: only root and members of the admin group {policy.Describe()} may run it (you are uid {peer.Uid}, gid {peer.Gid})");
    }

    private bool WriteError(string code, string message, string? usage, ArrayBufferWriter<byte> output, Utf8JsonWriter json)
    {
        Interlocked.Increment(ref counters.Errors);
        output.ResetWrittenCount();
        json.Reset(output);
        AnswerWriter.WriteError(json, code, message, usage);
        json.Flush();
        output.Write("\n"u8);
        return true;
    }
}
