using System.Text.Json;
using System.Text.Json.Nodes;
using Appliance.Hosting.Secrets;

namespace Appliance.Hosting.Config;

/// <summary>
/// Loads the one JSON config file: parse, check its shape against the generated metadata (unknown keys, wrong
/// types, missing required keys: all of them), bind, validate every section's values, read the secrets.
/// Every error found anywhere is returned together; a config with errors is never half-used.
/// </summary>
public static class ConfigLoader
{
    /// <summary>Largest config file read; a bigger one is a mistake (a journal passed as config).</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    /// <param name="readSecrets">False checks everything but the secrets (a config checked away from its host).</param>
    public static LoadedConfig Load(string path, string? credentialsDirectory = null, bool readSecrets = true)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) return Failed(path, "$", $"\"{path}\" does not exist");
            if (info.Length > MaxBytes) return Failed(path, "$", $"\"{path}\" is {info.Length} bytes; a config is at most {MaxBytes}");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed(path, "$", $"\"{path}\" cannot be read: {e.Message}");
        }
        return Parse(bytes, path, credentialsDirectory, readSecrets);
    }

    /// <summary>Validates UTF-8 JSON text; <paramref name="source"/> names it in messages.</summary>
    public static LoadedConfig Parse(ReadOnlySpan<byte> utf8, string source, string? credentialsDirectory = null, bool readSecrets = true)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
                MaxDepth = 64,
            });
        }
        catch (JsonException e)
        {
            return Failed(source, "$", $"not valid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {FirstSentence(e.Message)}");
        }

        using (document)
        {
            var errors = new ConfigErrors();
            var warnings = new List<ConfigError>();
            var checker = new JsonShapeChecker(HostingJsonContext.Default, errors);
            if (!checker.Check(document.RootElement, typeof(ApplianceConfig), "$", nullable: false, out JsonNode? pruned) || pruned is null)
                return Result(source, null, errors, warnings, SecretStore.Empty);

            // Bind what is well-formed (broken members left out take their defaults) and check its values too,
            // so one run reports a misspelt key and an out-of-range number together.
            ApplianceConfig? config;
            try
            {
                config = pruned.Deserialize(HostingJsonContext.Default.ApplianceConfig);
            }
            catch (JsonException e)
            {
                errors.Add(e.Path ?? "$", FirstSentence(e.Message));
                return Result(source, null, errors, warnings, SecretStore.Empty);
            }
            if (config is null)
            {
                errors.Add("$", "the configuration is null");
                return Result(source, null, errors, warnings, SecretStore.Empty);
            }

            var valueErrors = new ConfigErrors();
            var valueWarnings = new List<ConfigError>();
            ConfigValidation.Validate(config, valueErrors, valueWarnings, checker.PrunedPaths);
            errors.AddRange(valueErrors.All.Where(e => !IsUnder(e.Path, checker.PrunedPaths)));
            warnings.AddRange(valueWarnings.Where(e => !IsUnder(e.Path, checker.PrunedPaths)));
            SecretStore secrets = readSecrets
                ? SecretsLoader.Load(config.SecretsFile, credentialsDirectory, errors, config.Trading?.Venue?.ApiKeyFile)
                : SecretStore.Empty;
            return Result(source, config, errors, warnings, secrets);
        }
    }

    private static LoadedConfig Result(string source, ApplianceConfig? config, ConfigErrors errors, List<ConfigError> warnings, SecretStore secrets) => new()
    {
        SourcePath = source,
        Config = errors.Count == 0 ? config : null,
        // Sorted by path: an operator reads the file top-down section by section.
        Errors = errors.All.OrderBy(e => e.Path, StringComparer.Ordinal).ToArray(),
        Warnings = warnings,
        Secrets = errors.Count == 0 ? secrets : SecretStore.Empty,
    };

    private static LoadedConfig Failed(string source, string path, string message) =>
        new() { SourcePath = source, Errors = [new ConfigError(path, message)], Warnings = [] };

    private static bool IsUnder(string path, IReadOnlyList<string> roots)
    {
        foreach (string root in roots)
            if (path.StartsWith(root, StringComparison.Ordinal) &&
                (path.Length == root.Length || path[root.Length] is '.' or '['))
                return true;
        return false;
    }

    // System.Text.Json appends " Path: … | LineNumber: … | BytePositionInLine: …", which our own form already
    // says; the native binary (UseSystemResourceKeys) gives the resource key instead of the sentence.
    private static string FirstSentence(string message)
    {
        foreach (string marker in new[] { " Path:", " LineNumber:" })
        {
            int end = message.IndexOf(marker, StringComparison.Ordinal);
            if (end > 0) message = message[..end];
        }
        return message.Trim().TrimEnd('/', ',', ' ');
    }
}
