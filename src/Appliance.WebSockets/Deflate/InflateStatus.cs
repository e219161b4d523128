namespace Appliance.WebSockets.Deflate;

internal enum InflateStatus : byte
{
    Ok,
    TooLarge,
    InvalidData,
}
