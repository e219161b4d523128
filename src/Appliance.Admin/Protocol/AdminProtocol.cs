using System.Text.Encodings.Web;
using System.Text.Json;

namespace Appliance.Admin.Protocol;

/// <summary>The fixed facts of the admin protocol (docs/admin-protocol.md) shared by the server and the client.</summary>
public static class AdminProtocol
{
    /// <summary>Bumped when an answer changes incompatibly; reported by <c>version</c>.</summary>
    public const int Version = 1;

    /// <summary>The longest request line, not counting its LF (a CR before the LF counts).</summary>
    public const int MaxRequestLineBytes = 4096;

    /// <summary>Where the daemon listens unless configured otherwise (systemd's RuntimeDirectory=appliance).</summary>
    public const string DefaultSocketPath = "/run/appliance/admin.sock";

    /// <summary>
    /// One line, no indentation; non-ASCII text kept readable (the answer never lands in HTML, so the
    /// relaxed encoder is safe; control characters and quotes are still escaped, so an answer is one line).
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
