namespace Appliance.Admin.Commands;

/// <summary>
/// The arguments a verb takes, read from its usage text, so the usage an operator sees is the grammar the
/// parser applies. Forms: <c>NAME</c> (required word), <c>[NAME]</c> (optional word), <c>[NAME...]</c> (the
/// remaining words), <c>[--flag]</c>, <c>[--option VALUE]</c>. Words in this order: required, optional, rest.
/// </summary>
internal sealed class ArgumentSpec
{
    internal readonly record struct Positional(string Name, bool Required, bool Rest);
    internal readonly record struct Option(string Name, string? ValueName);

    private ArgumentSpec(List<Positional> positionals, Dictionary<string, Option> options)
    {
        Positionals = positionals;
        Options = options;
    }

    public IReadOnlyList<Positional> Positionals { get; }
    public IReadOnlyDictionary<string, Option> Options { get; }

    /// <exception cref="ArgumentException">The usage text is malformed (a programming error in the host).</exception>
    public static ArgumentSpec Parse(string arguments)
    {
        var positionals = new List<Positional>();
        var options = new Dictionary<string, Option>(StringComparer.Ordinal);
        string[] parts = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < parts.Length; i++)
        {
            string part = parts[i];
            bool optional = part.StartsWith('[');
            if (optional)
            {
                // "[--for DURATION]" spans two words: gather up to the closing bracket.
                string inner = part[1..];
                while (!inner.EndsWith(']'))
                {
                    if (++i == parts.Length) throw Malformed(arguments, $"'[' without ']' in '{part}'");
                    inner += " " + parts[i];
                }
                inner = inner[..^1];
                if (inner.StartsWith("--"))
                {
                    string[] o = inner.Split(' ');
                    if (o.Length > 2 || !IsOptionName(o[0]) || (o.Length == 2 && !IsPlaceholder(o[1])))
                        throw Malformed(arguments, $"'[{inner}]' is not [--name] or [--name VALUE]");
                    if (!options.TryAdd(o[0], new Option(o[0], o.Length == 2 ? o[1] : null)))
                        throw Malformed(arguments, $"{o[0]} appears twice");
                    continue;
                }
                AddPositional(inner, required: false);
                continue;
            }
            if (part.StartsWith("--")) throw Malformed(arguments, $"option {part} must be written [{part}]: options are optional");
            AddPositional(part, required: true);
        }
        return new ArgumentSpec(positionals, options);

        void AddPositional(string text, bool required)
        {
            bool rest = text.EndsWith("...");
            string name = rest ? text[..^3] : text;
            if (!IsPlaceholder(name)) throw Malformed(arguments, $"'{text}' is not an upper-case placeholder");
            if (positionals.Count > 0 && positionals[^1].Rest) throw Malformed(arguments, $"{name} follows {positionals[^1].Name}..., which takes every remaining word");
            if (required && positionals.Count > 0 && !positionals[^1].Required) throw Malformed(arguments, $"required {name} follows an optional word");
            if (positionals.Exists(p => p.Name == name)) throw Malformed(arguments, $"{name} appears twice");
            positionals.Add(new Positional(name, required, rest));
        }
    }

    private static bool IsPlaceholder(string s) =>
        s.Length > 0 && char.IsAsciiLetterUpper(s[0]) && s.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_');

    private static bool IsOptionName(string s) =>
        s.Length > 2 && s.StartsWith("--") && char.IsAsciiLetterLower(s[2]) && s.Skip(2).All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    private static ArgumentException Malformed(string arguments, string why) =>
        new($"usage '{arguments}': {why}", nameof(arguments));
}
