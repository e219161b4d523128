namespace Appliance.WebSockets.Frames;

/// <summary>Limits and switches of one <see cref="FrameParser"/>.</summary>
public readonly record struct FrameParserSettings
{
    public FrameParserSettings() { }

    /// <summary>Largest single frame payload accepted; larger fails with 1009.</summary>
    public int MaxFrameSize { get; init; } = 16 * 1024 * 1024;
    /// <summary>Largest message (reassembled and inflated) accepted; larger fails with 1009.</summary>
    public int MaxMessageSize { get; init; } = 16 * 1024 * 1024;
    /// <summary>Reassembly and inflate buffers start at this size and double up to <see cref="MaxMessageSize"/>.</summary>
    public int InitialMessageBufferSize { get; init; } = 64 * 1024;
    /// <summary>Validate text messages as UTF-8 (RFC 6455 8.1). Off only for trusted feeds.</summary>
    public bool ValidateUtf8 { get; init; } = true;
    /// <summary>permessage-deflate was negotiated: RSV1 marks a compressed message.</summary>
    public bool Deflate { get; init; }
}
