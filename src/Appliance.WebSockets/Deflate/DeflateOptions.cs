namespace Appliance.WebSockets.Deflate;

/// <summary>What we offer for permessage-deflate (RFC 7692 7.1). We never compress what we send, so the
/// client_* parameters only tell the server what it may assume about us.</summary>
public sealed record DeflateOptions
{
    /// <summary>Ask the server to reset its compressor per message (costs compression ratio, not our memory).</summary>
    public bool ServerNoContextTakeover { get; init; }
    /// <summary>Declare that we do not reuse context (always true in effect: we send uncompressed).</summary>
    public bool ClientNoContextTakeover { get; init; }
    /// <summary>Ask the server to use at most this LZ77 window (8-15); null leaves it to the server.</summary>
    public int? ServerMaxWindowBits { get; init; }
    /// <summary>Send client_max_window_bits without a value: "the server may limit our window".</summary>
    public bool OfferClientMaxWindowBits { get; init; } = true;
}
