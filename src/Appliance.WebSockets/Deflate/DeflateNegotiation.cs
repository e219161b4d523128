using System.Text;

namespace Appliance.WebSockets.Deflate;

/// <summary>Builds our permessage-deflate offer and checks the server's response against RFC 7692 7.1.</summary>
internal static class DeflateNegotiation
{
    public const string ExtensionName = "permessage-deflate";

    public static string BuildOffer(DeflateOptions options)
    {
        if (options.ServerMaxWindowBits is < 8 or > 15)
            throw new ArgumentOutOfRangeException(nameof(options), "ServerMaxWindowBits must be 8-15");
        var sb = new StringBuilder(ExtensionName);
        if (options.ServerNoContextTakeover) sb.Append("; server_no_context_takeover");
        if (options.ClientNoContextTakeover) sb.Append("; client_no_context_takeover");
        if (options.ServerMaxWindowBits is int bits) sb.Append("; server_max_window_bits=").Append(bits);
        if (options.OfferClientMaxWindowBits) sb.Append("; client_max_window_bits");
        return sb.ToString();
    }

    /// <summary>
    /// Reads the Sec-WebSocket-Extensions response. Returns the accepted parameters, null when the server
    /// declined deflate, or throws <see cref="FormatException"/> with the rule it broke.
    /// <paramref name="offer"/> null means we offered nothing, so any extension is an error.
    /// </summary>
    public static DeflateParameters? Accept(string? header, DeflateOptions? offer)
    {
        if (string.IsNullOrWhiteSpace(header)) return null;
        DeflateParameters? result = null;
        foreach (string extension in SplitOutsideQuotes(header, ','))
        {
            if (extension.Length == 0) continue;
            string[] parts = SplitOutsideQuotes(extension, ';');
            string name = parts[0];
            if (!name.Equals(ExtensionName, StringComparison.OrdinalIgnoreCase))
                throw new FormatException($"server accepted extension '{name}' that we did not offer");
            if (offer is null) throw new FormatException("server accepted permessage-deflate that we did not offer");
            if (result is not null) throw new FormatException("permessage-deflate accepted twice");
            result = AcceptParameters(parts.AsSpan(1), offer);
        }
        return result;
    }

    private static DeflateParameters AcceptParameters(ReadOnlySpan<string> parameters, DeflateOptions offer)
    {
        bool serverNoContext = false, clientNoContext = false;
        int? serverBits = null, clientBits = null;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string p in parameters)
        {
            int eq = p.IndexOf('=');
            string key = (eq < 0 ? p : p.Substring(0, eq)).Trim();
            string? value = eq < 0 ? null : p.Substring(eq + 1).Trim().Trim('"');
            if (!seen.Add(key)) throw new FormatException($"parameter '{key}' given twice");
            switch (key.ToLowerInvariant())
            {
                case "server_no_context_takeover":
                    if (value is not null) throw new FormatException("server_no_context_takeover takes no value");
                    serverNoContext = true;
                    break;
                case "client_no_context_takeover":
                    if (value is not null) throw new FormatException("client_no_context_takeover takes no value");
                    clientNoContext = true;
                    break;
                case "server_max_window_bits":
                    serverBits = ParseBits(key, value);
                    break;
                case "client_max_window_bits":
                    // 7.1.2.2: only if we offered it; then the server states a value.
                    if (!offer.OfferClientMaxWindowBits) throw new FormatException("client_max_window_bits in response but not in our offer");
                    clientBits = ParseBits(key, value);
                    break;
                default:
                    throw new FormatException($"unknown permessage-deflate parameter '{key}'");
            }
        }
        if (offer.ServerNoContextTakeover && !serverNoContext)
            throw new FormatException("server ignored our server_no_context_takeover");
        if (offer.ServerMaxWindowBits is int asked)
        {
            if (serverBits is null) throw new FormatException("server did not confirm server_max_window_bits");
            if (serverBits > asked) throw new FormatException($"server_max_window_bits={serverBits} exceeds the {asked} we asked for");
        }
        return new DeflateParameters(serverNoContext, clientNoContext || offer.ClientNoContextTakeover, serverBits ?? 15, clientBits ?? 15);
    }

    private static int ParseBits(string key, string? value)
    {
        if (value is null || !int.TryParse(value, out int bits) || bits is < 8 or > 15)
            throw new FormatException($"{key} must be 8-15, got '{value}'");
        return bits;
    }

    private static string[] SplitOutsideQuotes(string s, char separator)
    {
        var parts = new List<string>();
        bool quoted = false;
        int start = 0;
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '"') quoted = !quoted;
            else if (s[i] == separator && !quoted)
            {
                parts.Add(s.Substring(start, i - start).Trim());
                start = i + 1;
            }
        }
        parts.Add(s.Substring(start).Trim());
        return parts.ToArray();
    }
}
