namespace Appliance.Hosting.Config;

/// <summary>The `admin` section: the Unix-domain admin socket and its limits.</summary>
/// <param name="SocketPath">Under systemd's RuntimeDirectory=appliance.</param>
/// <param name="SocketMode">File mode of the socket, octal text: who may connect at all.</param>
/// <param name="AdminGroup">Group given the socket; its members may use mutating verbs (halt, flatten, ...); root always may.</param>
/// <param name="MaxClients">Clients served at once; more are answered with an error and closed.</param>
/// <param name="MaxLineBytes">Longest request line.</param>
/// <param name="RequestsPerSecond">Requests per second per connection before answers become "rate limited".</param>
/// <param name="IdleTimeoutSeconds">A connection silent this long is closed.</param>
public sealed record AdminConfig(
    string SocketPath = "/run/appliance/admin.sock",
    string SocketMode = "0660",
    string? AdminGroup = "appliance-admin",
    int MaxClients = 16,
    int MaxLineBytes = 4096,
    int RequestsPerSecond = 50,
    int IdleTimeoutSeconds = 30);
