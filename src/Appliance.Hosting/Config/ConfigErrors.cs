namespace Appliance.Hosting.Config;

/// <summary>Collects every <see cref="ConfigError"/> of a load; validators add to it and never stop at the first.</summary>
public sealed class ConfigErrors
{
    private readonly List<ConfigError> _errors = new();

    public IReadOnlyList<ConfigError> All => _errors;

    public int Count => _errors.Count;

    public void Add(string path, string message) => _errors.Add(new ConfigError(path, message));

    public void AddRange(IEnumerable<ConfigError> errors) => _errors.AddRange(errors);

    /// <summary>A child path: <c>Child("$.feeds", 2)</c> is <c>$.feeds[2]</c>, <c>Child("$", "admin")</c> is <c>$.admin</c>.</summary>
    public static string Child(string parent, string key) => IsIdentifier(key) ? $"{parent}.{key}" : $"{parent}['{key.Replace("'", "\\'")}']";

    public static string Child(string parent, int index) => $"{parent}[{index}]";

    private static bool IsIdentifier(string key)
    {
        if (key.Length == 0 || char.IsDigit(key[0])) return false;
        foreach (char c in key)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '$' or '-')) return false;
        return true;
    }
}
