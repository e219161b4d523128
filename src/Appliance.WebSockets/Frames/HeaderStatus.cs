namespace Appliance.WebSockets.Frames;

/// <summary>Outcome of decoding a frame header from the bytes at hand.</summary>
internal enum HeaderStatus : byte
{
    Ok,
    NeedMoreData,
    /// <summary>RFC 6455 5.2: the most significant bit of a 64-bit length must be 0.</summary>
    InvalidLength,
}
