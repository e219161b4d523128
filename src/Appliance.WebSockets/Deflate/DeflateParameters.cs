namespace Appliance.WebSockets.Deflate;

/// <summary>What the server accepted (RFC 7692 7.1); window bits are 15 when not stated.</summary>
public sealed record DeflateParameters(
    bool ServerNoContextTakeover,
    bool ClientNoContextTakeover,
    int ServerMaxWindowBits,
    int ClientMaxWindowBits)
{
    public override string ToString() =>
        "permessage-deflate" +
        (ServerNoContextTakeover ? "; server_no_context_takeover" : "") +
        (ClientNoContextTakeover ? "; client_no_context_takeover" : "") +
        $"; server_max_window_bits={ServerMaxWindowBits}; client_max_window_bits={ClientMaxWindowBits}";
}
