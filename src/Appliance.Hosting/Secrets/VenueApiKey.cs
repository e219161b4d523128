using Appliance.Hosting.Config;
using Appliance.Trading.Config;

namespace Appliance.Hosting.Secrets;

/// <summary>
/// The key the venue gateway logs in with: the file <c>trading.venue.apiKeyFile</c> names when it is set (mode
/// 0600 or stricter, one line), else the secret <c>venue.apiKey</c> (secrets file or systemd credential). A
/// venue gateway without a key does not start: the venue would refuse the login and no order would go out.
/// The key is kept as a <see cref="Secret"/>, so it never reaches a log line, an error or `ctl config`.
/// </summary>
public static class VenueApiKey
{
    public const string SecretName = "venue.apiKey";
    public const string FileSource = "apiKeyFile";
    private const string Path = "$.trading.venue.apiKeyFile";

    /// <summary>The store with the key file's key added when one is configured; errors when the venue gateway has no key.</summary>
    public static SecretStore Resolve(ApplianceConfig config, SecretStore secrets, ConfigErrors errors)
    {
        if (config.Trading is not { Enabled: true, Gateway: GatewayKind.Venue, Venue: { } venue }) return secrets;
        if (venue.ApiKeyFile is { } file)
        {
            var info = new FileInfo(file);
            if (!info.Exists)
            {
                errors.Add(Path, $"\"{file}\" does not exist");
                return secrets;
            }
            if (!SecretsLoader.OwnerOnly(info, file, Path, errors)) return secrets;
            string key;
            try
            {
                key = File.ReadAllText(file).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add(Path, $"\"{file}\" cannot be read: {e.Message}");
                return secrets;
            }
            if (key.Length == 0 || key.Contains('\n'))
            {
                errors.Add(Path, $"\"{file}\" must hold the key on one line");
                return secrets;
            }
            return secrets.With(new Secret(SecretName, key, FileSource));
        }
        if (!secrets.TryGet(SecretName, out _))
            errors.Add(Path, $"no API key for the venue gateway: name a key file here, or give the secret \"{SecretName}\" (secretsFile, or a systemd credential: LoadCredential={SecretName}:/etc/appliance/venue.key)");
        return secrets;
    }
}
