using System.Text.Json;
using Appliance.Hosting.Config;

namespace Appliance.Hosting.Secrets;

/// <summary>
/// Reads secrets from systemd credentials (<c>$CREDENTIALS_DIRECTORY</c>, one file per secret, set by
/// LoadCredential=) and from the configured secrets file: a JSON object of names to strings that nobody but
/// its owner may read (mode 0600 or 0400). A file others can read is refused, not warned about: the key in it
/// must be considered leaked. Values never appear in an error message.
/// </summary>
public static class SecretsLoader
{
    public const string CredentialSource = "credential";
    public const string FileSource = "secretsFile";
    public const string KeyFileSource = "apiKeyFile";

    /// <summary>The secret the venue order-entry gateway logs in with.</summary>
    public const string VenueApiKey = "trading.venue.apiKey";

    /// <param name="apiKeyFile">trading.venue.apiKeyFile: a file holding just the key (same mode rule); used when no other source names <see cref="VenueApiKey"/>.</param>
    public static SecretStore Load(string? secretsFile, string? credentialsDirectory, ConfigErrors errors, string? apiKeyFile = null)
    {
        var secrets = new List<Secret>();
        if (apiKeyFile is not null) ReadKeyFile(apiKeyFile, secrets, errors);
        if (secretsFile is not null) ReadFile(secretsFile, secrets, errors);
        // Credentials come last so they win: they are what systemd handed this very invocation.
        if (!string.IsNullOrEmpty(credentialsDirectory)) ReadCredentials(credentialsDirectory, secrets, errors);
        return new SecretStore(secrets);
    }

    private static void ReadKeyFile(string path, List<Secret> secrets, ConfigErrors errors)
    {
        const string key = "$.trading.venue.apiKeyFile";
        if (!OwnerOnly(path, key, errors)) return;
        try
        {
            string value = File.ReadAllText(path).Trim();
            if (value.Length == 0) errors.Add(key, $"\"{path}\" is empty");
            else secrets.Add(new Secret(VenueApiKey, value, KeyFileSource));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(key, $"\"{path}\" cannot be read: {e.Message}");
        }
    }

    /// <summary>The file exists and nobody but its owner may read it; else an error at <paramref name="key"/>.</summary>
    private static bool OwnerOnly(string path, string key, ConfigErrors errors)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            errors.Add(key, $"\"{path}\" does not exist");
            return false;
        }
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
                                    UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        if ((info.UnixFileMode & others) != 0)
        {
            errors.Add(key, $"\"{path}\" has mode {Octal(info.UnixFileMode)}: its group or others may read it; chmod 600 it (and rotate the keys it held)");
            return false;
        }
        return true;
    }

    private static void ReadFile(string path, List<Secret> secrets, ConfigErrors errors)
    {
        const string key = "$.secretsFile";
        if (!OwnerOnly(path, key, errors)) return;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(key, $"\"{path}\" cannot be read: {e.Message}");
            return;
        }
        Dictionary<string, string>? map;
        try
        {
            map = JsonSerializer.Deserialize(bytes, HostingJsonContext.Default.DictionaryStringString);
        }
        catch (JsonException e)
        {
            // The message may quote the offending token, which could be part of a key: give the position only.
            errors.Add(key, $"\"{path}\" is not a JSON object of names to strings (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})");
            return;
        }
        if (map is null)
        {
            errors.Add(key, $"\"{path}\" holds null, not an object of names to strings");
            return;
        }
        foreach (var (name, value) in map)
        {
            if (string.IsNullOrWhiteSpace(name)) errors.Add(key, $"\"{path}\" has a secret with an empty name");
            else if (string.IsNullOrEmpty(value)) errors.Add(key, $"\"{path}\": secret \"{name}\" is empty");
            else secrets.Add(new Secret(name, value, FileSource));
        }
    }

    private static void ReadCredentials(string directory, List<Secret> secrets, ConfigErrors errors)
    {
        if (!Directory.Exists(directory))
        {
            errors.Add("$CREDENTIALS_DIRECTORY", $"\"{directory}\" does not exist");
            return;
        }
        foreach (string file in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
        {
            try
            {
                string value = File.ReadAllText(file).TrimEnd('\n', '\r');
                if (value.Length > 0) secrets.Add(new Secret(Path.GetFileName(file), value, CredentialSource));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add("$CREDENTIALS_DIRECTORY", $"credential \"{Path.GetFileName(file)}\" cannot be read: {e.Message}");
            }
        }
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0x1FF, 8);
}
