using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Appliance.WebSockets.Sending;

/// <summary>
/// Mask keys for client frames (RFC 6455 5.3 asks for a strong source of entropy). One call into the
/// cryptographic generator fills keys for 1024 frames, so a send costs a 4-byte read, not a syscall.
/// Not thread-safe: the sender's lock serialises it.
/// </summary>
internal sealed class MaskKeySource
{
    private readonly byte[] _keys = new byte[4096];
    private int _position;

    public MaskKeySource() => _position = _keys.Length;

    public uint Next()
    {
        if (_position == _keys.Length)
        {
            RandomNumberGenerator.Fill(_keys);
            _position = 0;
        }
        uint key = BinaryPrimitives.ReadUInt32LittleEndian(_keys.AsSpan(_position));
        _position += 4;
        return key;
    }
}
