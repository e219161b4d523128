using System.Text.Json;

namespace Appliance.MarketData.Config;

/// <summary>
/// Reads just the market-data sections of a configuration file (other top-level sections are ignored)
/// and validates them. For tools (record, replay); the daemon loads the whole file with its own loader.
/// </summary>
public static class MarketDataConfigReader
{
    /// <summary>The parsed config, or null with every problem found (JSON syntax errors stop at the first).</summary>
    public static MarketDataConfig? TryLoad(string path, out IReadOnlyList<ConfigError> errors)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors = [new ConfigError("$", $"cannot read {path}: {e.Message}")];
            return null;
        }
        return TryParse(bytes, out errors);
    }

    public static MarketDataConfig? TryParse(ReadOnlySpan<byte> json, out IReadOnlyList<ConfigError> errors)
    {
        MarketDataConfig? config;
        try
        {
            config = JsonSerializer.Deserialize(json, MarketDataJsonContext.Default.MarketDataConfig);
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is long line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            errors = [new ConfigError(e.Path ?? "$", $"{FirstSentence(e.Message)}{where}")];
            return null;
        }
        if (config is null)
        {
            errors = [new ConfigError("$", "must be an object")];
            return null;
        }
        errors = MarketDataConfigValidator.Validate(config);
        return errors.Count == 0 ? config : null;
    }

    // System.Text.Json appends "Path: $.x | LineNumber: .." which we already report in our own form.
    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd() : message;
    }
}
