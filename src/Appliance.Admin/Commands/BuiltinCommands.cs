using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using Appliance.Admin.Protocol;

namespace Appliance.Admin.Commands;

/// <summary><c>help</c> and <c>version</c>: the verbs every admin server answers, whatever the host registers.</summary>
public static class BuiltinCommands
{
    /// <summary>Registers <c>help</c> and <c>version</c> unless the host registered its own.</summary>
    public static void Register(CommandRegistry registry, string product, string version, DateTimeOffset startedUtc)
    {
        if (!registry.Contains(StandardVerbs.Help.Name)) registry.Register(StandardVerbs.Help, ctx => Help(registry, ctx));
        if (!registry.Contains(StandardVerbs.Version.Name)) registry.Register(StandardVerbs.Version, ctx => Version(ctx.Json, product, version, startedUtc));
    }

    private static void Help(CommandRegistry registry, AdminCommandContext ctx)
    {
        IReadOnlyList<AdminCommand> commands = registry.Commands;
        string? wanted = ctx.Arguments["VERB"];
        if (wanted is not null)
        {
            AdminCommand? match = null;
            foreach (var c in commands)
                if (c.Name == wanted) match = c;
            if (match is null)
            {
                // "help log" lists the verbs "log …".
                var group = commands.Where(c => c.Name.StartsWith(wanted + " ", StringComparison.Ordinal)).ToList();
                if (group.Count == 0) throw new AdminException(AdminErrorCode.UnknownVerb, $"unknown verb '{wanted}'; 'help' lists the verbs");
                commands = group;
            }
            else commands = [match];
        }
        ctx.Json.WriteStartArray("verbs");
        foreach (var c in commands) WriteVerb(ctx.Json, c.Verb);
        ctx.Json.WriteEndArray();
    }

    internal static void WriteVerb(Utf8JsonWriter json, AdminVerb verb)
    {
        json.WriteStartObject();
        json.WriteString("verb", verb.Name);
        json.WriteString("usage", verb.Usage);
        json.WriteBoolean("mutates", verb.Mutates);
        if (verb.MutatingOptions.Count > 0)
        {
            json.WriteStartArray("mutating_options");
            foreach (string o in verb.MutatingOptions) json.WriteStringValue(o);
            json.WriteEndArray();
        }
        json.WriteString("help", verb.Help);
        json.WriteEndObject();
    }

    private static void Version(Utf8JsonWriter json, string product, string version, DateTimeOffset startedUtc)
    {
        json.WriteString("product", product);
        json.WriteString("version", version);
        json.WriteNumber("protocol", AdminProtocol.Version);
        json.WriteString("runtime", RuntimeInformation.FrameworkDescription);
        json.WriteString("rid", RuntimeInformation.RuntimeIdentifier);
        json.WriteBoolean("native_aot", !RuntimeFeature.IsDynamicCodeSupported);
        json.WriteNumber("pid", Environment.ProcessId);
        json.WriteString("started_utc", startedUtc.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteNumber("uptime_seconds", Math.Round((DateTimeOffset.UtcNow - startedUtc).TotalSeconds, 3));
    }
}
