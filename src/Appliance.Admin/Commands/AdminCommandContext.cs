using System.Text.Json;
using Appliance.Admin.Server;

namespace Appliance.Admin.Commands;

/// <summary>One request being answered: who asked, with which arguments, and where the answer goes.</summary>
public sealed class AdminCommandContext
{
    internal AdminCommandContext(AdminCommand command, ParsedArguments arguments, PeerCredentials peer, Utf8JsonWriter json, CancellationToken stopping)
    {
        Command = command;
        Arguments = arguments;
        Peer = peer;
        Json = json;
        Stopping = stopping;
    }

    public AdminCommand Command { get; }

    public ParsedArguments Arguments { get; }

    /// <summary>The peer's pid, uid and groups as the kernel recorded them when it connected.</summary>
    public PeerCredentials Peer { get; }

    /// <summary>Inside the answer object: write properties (<c>Json.WriteString("status", "running")</c>).</summary>
    public Utf8JsonWriter Json { get; }

    /// <summary>Cancelled when the server stops: a handler that waits should stop waiting.</summary>
    public CancellationToken Stopping { get; }
}
