using System.Text.Json;
using System.Text.Json.Nodes;
using Appliance.Hosting.Config;
using Appliance.Hosting.Daemon;

namespace Appliance.Hosting.Control;

/// <summary>
/// `config`: the configuration in force, as loaded, with secrets redacted. Secret values never enter the
/// config object (they live in the secret store); as a second guard any string under a key that names a
/// secret (apiKey, password, token, ...) is replaced, except paths to secret files.
/// </summary>
public static class ConfigAnswer
{
    public const string Redacted = "[redacted]";

    public static void Write(ApplianceDaemon d, Utf8JsonWriter json)
    {
        json.WriteString("source", d.Loaded.SourcePath);
        json.WritePropertyName("config");
        Redact(JsonSerializer.SerializeToNode(d.Config, HostingJsonContext.Default.ApplianceConfig)).WriteTo(json);
        json.WriteStartArray("secrets");
        foreach (var (name, source) in d.Secrets.Describe())
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("source", source);
            json.WriteString("value", Redacted);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    internal static JsonNode Redact(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String && IsSecretKey(key)) o[key] = Redacted;
                    else Redact(value);
                }
                return o;
            case JsonArray a:
                foreach (JsonNode? item in a) Redact(item);
                return a;
            default:
                return node ?? JsonValue.Create("null")!;
        }
    }

    internal static bool IsSecretKey(string key)
    {
        string k = key.ToLowerInvariant();
        if (k.EndsWith("file", StringComparison.Ordinal) || k.EndsWith("path", StringComparison.Ordinal) || k.EndsWith("directory", StringComparison.Ordinal)) return false;
        return k.Contains("secret") || k.Contains("password") || k.Contains("passphrase") || k.Contains("token")
               || k.Contains("apikey") || k.Contains("api_key") || k.Contains("privatekey") || k.Contains("credential");
    }
}
