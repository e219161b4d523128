using System.Text;

namespace Appliance.WebSockets.Handshake;

/// <summary>The status line and header fields of the server's answer to the Upgrade request.</summary>
public sealed class HandshakeResponse
{
    public int StatusCode { get; }
    public string ReasonPhrase { get; }
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    private HandshakeResponse(int statusCode, string reasonPhrase, List<KeyValuePair<string, string>> headers)
    {
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
        Headers = headers;
    }

    /// <summary>A stand-in for a response that was never exchanged (replays of recorded streams).</summary>
    internal static HandshakeResponse None() => new(101, "Switching Protocols (replay)", []);

    /// <summary>All values of a header, joined with ", " as RFC 7230 3.2.2 allows; null when absent.</summary>
    public string? Get(string name)
    {
        string? result = null;
        foreach (var (key, value) in Headers)
        {
            if (!key.Equals(name, StringComparison.OrdinalIgnoreCase)) continue;
            result = result is null ? value : result + ", " + value;
        }
        return result;
    }

    /// <summary>Offset just past the blank line that ends the header block, or -1 if it has not arrived yet.</summary>
    internal static int FindEnd(ReadOnlySpan<byte> data)
    {
        int i = data.IndexOf("\r\n\r\n"u8);
        return i < 0 ? -1 : i + 4;
    }

    /// <summary>Parses a complete header block (as located by <see cref="FindEnd"/>); null with a reason when malformed.</summary>
    internal static HandshakeResponse? TryParse(ReadOnlySpan<byte> block, out string? error)
    {
        // Latin-1 keeps every byte; header values are ASCII in practice.
        string text = Encoding.Latin1.GetString(block);
        string[] lines = text.Split("\r\n");
        string status = lines[0];
        error = null;
        if (!status.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) || status.Length < 12 ||
            !int.TryParse(status.AsSpan(9, 3), out int code) || (status.Length > 12 && status[12] != ' '))
        {
            error = $"malformed status line '{Truncate(status)}'";
            return null;
        }
        string reason = status.Length > 13 ? status.Substring(13) : "";
        var headers = new List<KeyValuePair<string, string>>();
        for (int i = 1; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.Length == 0) continue;
            if (line[0] is ' ' or '\t')
            {
                error = "obsolete header line folding";
                return null;
            }
            int colon = line.IndexOf(':');
            if (colon <= 0)
            {
                error = $"malformed header line '{Truncate(line)}'";
                return null;
            }
            headers.Add(new(line.Substring(0, colon).Trim(), line.Substring(colon + 1).Trim(' ', '\t')));
        }
        return new HandshakeResponse(code, reason, headers);
    }

    private static string Truncate(string s) => s.Length > 80 ? s.Substring(0, 80) + "..." : s;
}
