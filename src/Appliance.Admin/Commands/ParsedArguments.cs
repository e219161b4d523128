using System.Globalization;
using Appliance.Admin.Protocol;

namespace Appliance.Admin.Commands;

/// <summary>
/// A request's arguments checked against its verb's usage: placeholders (<c>SYMBOL</c>) and options
/// (<c>--for</c>) by name. The typed getters answer a bad value with a usage error naming the argument,
/// the value and what was expected, so a handler never has to phrase one.
/// </summary>
public sealed class ParsedArguments
{
    private readonly Dictionary<string, string> _values;
    private readonly HashSet<string> _flags;
    private readonly List<string> _rest;

    private ParsedArguments(AdminVerb verb, IReadOnlyList<string> words, Dictionary<string, string> values, HashSet<string> flags, List<string> rest)
    {
        Verb = verb;
        Words = words;
        _values = values;
        _flags = flags;
        _rest = rest;
    }

    /// <summary>The verb these arguments belong to.</summary>
    public AdminVerb Verb { get; }

    /// <summary>The words after the verb, as sent.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>The value of a placeholder (<c>"SYMBOL"</c>) or option (<c>"--for"</c>); null when not given. A rest placeholder gives its words joined by spaces.</summary>
    public string? this[string name] => _values.TryGetValue(name, out string? v) ? v : null;

    /// <summary>Whether a flag (<c>"--hgrm"</c>), an option or a placeholder was given.</summary>
    public bool Has(string name) => _flags.Contains(name) || _values.ContainsKey(name);

    /// <summary>The words a rest placeholder (<c>[REASON...]</c>) took, one by one.</summary>
    public IReadOnlyList<string> RestWords => _rest;

    /// <summary>A placeholder's or option's value, with a usage error when it is missing.</summary>
    public string Required(string name) => this[name] ?? throw UsageError($"missing {name}");

    /// <summary>A whole number in [min, max]; <paramref name="defaultValue"/> when not given.</summary>
    public int GetInt32(string name, int defaultValue, int min = int.MinValue, int max = int.MaxValue)
    {
        string? text = this[name];
        if (text is null) return defaultValue;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
            throw UsageError($"{name} must be a whole number from {min} to {max}, got '{text}'");
        return value;
    }

    /// <summary>A duration (<c>90s</c>, <c>5m</c>, <c>1h30m</c>, <c>250ms</c>) up to <paramref name="max"/>; null when not given.</summary>
    public TimeSpan? GetDuration(string name, TimeSpan? max = null)
    {
        string? text = this[name];
        if (text is null) return null;
        if (!DurationParser.TryParse(text, out TimeSpan value))
            throw UsageError($"{name} must be a duration such as 30s, 5m or 1h30m, got '{text}'");
        if (max is { } m && value > m)
            throw UsageError($"{name} may be at most {m.TotalSeconds:0.###} s, got '{text}'");
        return value;
    }

    /// <summary>A usage error for this verb: "VERB: message", with the usage line attached.</summary>
    public AdminException UsageError(string message) => new(AdminErrorCode.Usage, $"{Verb.Name}: {message}", Verb.Usage);

    /// <exception cref="AdminException">usage: unknown option, missing value or placeholder, extra words.</exception>
    internal static ParsedArguments Parse(AdminVerb verb, IReadOnlyList<string> words)
    {
        ArgumentSpec spec = verb.Spec;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        var rest = new List<string>();
        int next = 0;
        bool optionsEnded = false;
        for (int i = 0; i < words.Count; i++)
        {
            string word = words[i];
            if (!optionsEnded && word == "--")
            {
                optionsEnded = true;
                continue;
            }
            if (!optionsEnded && word.Length > 2 && word.StartsWith("--"))
            {
                int eq = word.IndexOf('=');
                string name = eq < 0 ? word : word[..eq];
                if (!spec.Options.TryGetValue(name, out var option))
                    throw Error(verb, spec.Options.Count == 0 ? $"takes no options, got {name}" : $"unknown option {name}");
                if (option.ValueName is null)
                {
                    if (eq >= 0) throw Error(verb, $"{name} takes no value");
                    flags.Add(name);
                    continue;
                }
                string? value = eq >= 0 ? word[(eq + 1)..] : (i + 1 < words.Count ? words[++i] : null);
                if (string.IsNullOrEmpty(value)) throw Error(verb, $"{name} needs a value ({option.ValueName})");
                values[name] = value;
                continue;
            }
            if (next < spec.Positionals.Count)
            {
                var p = spec.Positionals[next];
                if (p.Rest) rest.Add(word);
                else
                {
                    values[p.Name] = word;
                    next++;
                }
                continue;
            }
            throw Error(verb, $"unexpected argument '{word}'");
        }
        if (rest.Count > 0) values[spec.Positionals[^1].Name] = string.Join(' ', rest);
        foreach (var p in spec.Positionals)
            if (p.Required && !values.ContainsKey(p.Name)) throw Error(verb, $"missing {p.Name}");
        return new ParsedArguments(verb, words, values, flags, rest);
    }

    private static AdminException Error(AdminVerb verb, string message) =>
        new(AdminErrorCode.Usage, $"{verb.Name}: {message}", verb.Usage);
}
