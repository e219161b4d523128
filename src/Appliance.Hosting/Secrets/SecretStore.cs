namespace Appliance.Hosting.Secrets;

/// <summary>Named secrets loaded at start (credentials directory, secrets file); read-only afterwards.</summary>
public sealed class SecretStore
{
    private readonly Dictionary<string, Secret> _secrets;

    public SecretStore(IEnumerable<Secret> secrets)
    {
        _secrets = new Dictionary<string, Secret>(StringComparer.Ordinal);
        foreach (Secret s in secrets) _secrets[s.Name] = s;
    }

    public static SecretStore Empty { get; } = new([]);

    public bool TryGet(string name, out Secret secret) => _secrets.TryGetValue(name, out secret!);

    /// <summary>Names and sources only, for `ctl config` and start-up logs.</summary>
    public IReadOnlyList<(string Name, string Source)> Describe() =>
        _secrets.Values.OrderBy(s => s.Name, StringComparer.Ordinal).Select(s => (s.Name, s.Source)).ToArray();

    public int Count => _secrets.Count;
}
