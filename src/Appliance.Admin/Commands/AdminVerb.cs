namespace Appliance.Admin.Commands;

/// <summary>
/// What a verb is, apart from what it does: its name (one or more lower-case words, <c>log level</c>), its
/// arguments as usage text (<c>SYMBOL [DEPTH]</c>, which is also the grammar they are parsed with), a help
/// line, and whether it changes the daemon's state. Mutating verbs, and read-only verbs given one of their
/// <see cref="MutatingOptions"/> (<c>latency --reset</c>), run only for root or the admin group.
/// </summary>
public sealed class AdminVerb
{
    public AdminVerb(string name, string arguments, bool mutates, string help, params string[] mutatingOptions)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentException.ThrowIfNullOrWhiteSpace(help);
        if (!IsValidName(name))
            throw new ArgumentException($"verb name '{name}' must be one to three lower-case words (a-z, 0-9, '-') separated by single spaces", nameof(name));
        Name = name;
        Arguments = arguments.Trim();
        Mutates = mutates;
        Help = help;
        Spec = ArgumentSpec.Parse(Arguments);
        foreach (string option in mutatingOptions)
            if (!Spec.Options.ContainsKey(option))
                throw new ArgumentException($"mutating option {option} is not in the usage '{Arguments}'", nameof(mutatingOptions));
        MutatingOptions = mutatingOptions;
    }

    public string Name { get; }

    /// <summary>The usage after the name (<c>[STAGE] [--hgrm] [--reset]</c>); empty when the verb takes none.</summary>
    public string Arguments { get; }

    /// <summary>The whole usage line: name and arguments.</summary>
    public string Usage => Arguments.Length == 0 ? Name : $"{Name} {Arguments}";

    public bool Mutates { get; }

    /// <summary>Options that make a read-only verb's invocation mutating.</summary>
    public IReadOnlyList<string> MutatingOptions { get; }

    public string Help { get; }

    /// <summary>The words of the name (<c>["log", "level"]</c>).</summary>
    public IReadOnlyList<string> NameWords => Name.Split(' ');

    internal ArgumentSpec Spec { get; }

    /// <summary>Checks words against the usage. <exception cref="Protocol.AdminException">usage</exception></summary>
    public ParsedArguments Parse(IReadOnlyList<string> words) => ParsedArguments.Parse(this, words);

    /// <summary>Whether this invocation changes state: the verb mutates, or a mutating option was given.</summary>
    public bool IsMutating(ParsedArguments arguments)
    {
        if (Mutates) return true;
        foreach (string option in MutatingOptions)
            if (arguments.Has(option)) return true;
        return false;
    }

    /// <summary>The same verb with another help line (a host describing what its implementation does).</summary>
    public AdminVerb WithHelp(string help) => new(Name, Arguments, Mutates, help, [.. MutatingOptions]);

    private static bool IsValidName(string name)
    {
        if (string.IsNullOrEmpty(name)) return false;
        string[] words = name.Split(' ');
        if (words.Length > 3) return false;
        foreach (string w in words)
        {
            if (w.Length == 0 || !char.IsAsciiLetterLower(w[0])) return false;
            foreach (char c in w)
                if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')) return false;
        }
        return true;
    }

    public override string ToString() => Usage;
}
