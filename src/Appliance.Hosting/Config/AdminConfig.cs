namespace Appliance.Hosting.Config;

/// <summary>The `admin` section: the Unix-domain admin socket, who may do what, and its limits.</summary>
/// <param name="SocketPath">Under systemd's RuntimeDirectory=appliance; at most 107 bytes.</param>
/// <param name="SocketMode">File mode of the socket, octal text: who may connect at all (and so use read-only verbs).</param>
/// <param name="SocketGroup">Group given the socket file; null keeps the daemon's own group.</param>
/// <param name="AdminGroup">Members may use mutating verbs (halt, flatten, ...); root always may. Null: root only.</param>
/// <param name="MaxClients">Clients served at once; one more is answered `too_many_clients` and closed.</param>
/// <param name="RequestsPerSecond">Sustained requests per second per connection.</param>
/// <param name="RequestBurst">Requests a connection may send at once before the rate applies.</param>
/// <param name="IdleTimeoutSeconds">A connection that sends no complete line for this long is closed.</param>
public sealed record AdminConfig(
    string SocketPath = "/run/appliance/admin.sock",
    string SocketMode = "0660",
    string? SocketGroup = "appliance-admin",
    string? AdminGroup = "appliance-admin",
    int MaxClients = 16,
    int RequestsPerSecond = 20,
    int RequestBurst = 40,
    int IdleTimeoutSeconds = 60);
