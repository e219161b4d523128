using Appliance.Admin.Protocol;

namespace Appliance.Admin.Commands;

/// <summary>
/// The verbs a server answers. The host registers its commands (usually from <see cref="StandardVerbs"/>)
/// before or after the server starts; lookups take no lock (the table is replaced, never changed in place).
/// </summary>
public sealed class CommandRegistry
{
    private readonly Lock _lock = new();
    private volatile Dictionary<string, AdminCommand> _byName = new(StringComparer.Ordinal);
    private volatile AdminCommand[] _ordered = [];

    /// <summary>The commands in the order they were registered (the order <c>help</c> lists them).</summary>
    public IReadOnlyList<AdminCommand> Commands => _ordered;

    /// <summary>Adds a command. <exception cref="ArgumentException">The name is taken, or clashes with a multi-word verb.</exception></summary>
    public AdminCommand Register(AdminVerb verb, AdminCommandHandler handler)
    {
        var command = new AdminCommand(verb, handler);
        lock (_lock)
        {
            if (_byName.ContainsKey(verb.Name)) throw new ArgumentException($"verb '{verb.Name}' is already registered", nameof(verb));
            // "log" and "log level" cannot both exist: the words after "log" would be ambiguous.
            foreach (string existing in _byName.Keys)
                if (existing.StartsWith(verb.Name + " ", StringComparison.Ordinal) || verb.Name.StartsWith(existing + " ", StringComparison.Ordinal))
                    throw new ArgumentException($"verb '{verb.Name}' clashes with '{existing}'", nameof(verb));
            var byName = new Dictionary<string, AdminCommand>(_byName, StringComparer.Ordinal) { [verb.Name] = command };
            _ordered = [.. _ordered, command];
            _byName = byName;
        }
        return command;
    }

    /// <summary>Adds a command described inline.</summary>
    public AdminCommand Register(string name, string arguments, bool mutates, string help, AdminCommandHandler handler) =>
        Register(new AdminVerb(name, arguments, mutates, help), handler);

    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The command whose name is the first words of <paramref name="words"/>, and how many words the name took.</summary>
    /// <exception cref="AdminException">unknown_verb, or usage when the words start a multi-word verb but do not finish it.</exception>
    public AdminCommand Resolve(IReadOnlyList<string> words, out int nameWords)
    {
        var byName = _byName;
        string name = "";
        for (int n = 1; n <= Math.Min(3, words.Count); n++)
        {
            name = n == 1 ? words[0] : name + " " + words[n - 1];
            if (byName.TryGetValue(name, out var command))
            {
                nameWords = n;
                return command;
            }
        }
        string first = words[0];
        var completions = new List<string>();
        foreach (string key in byName.Keys)
            if (key.StartsWith(first + " ", StringComparison.Ordinal)) completions.Add(key);
        if (completions.Count > 0)
        {
            completions.Sort(StringComparer.Ordinal);
            throw new AdminException(AdminErrorCode.Usage, $"{first}: expected one of: {string.Join(", ", completions)}");
        }
        throw new AdminException(AdminErrorCode.UnknownVerb, $"unknown verb '{Shorten(first)}'; 'help' lists the verbs");
    }

    private static string Shorten(string s) => s.Length <= 64 ? s : s[..64] + "…";
}
