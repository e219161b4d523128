namespace Appliance.Venue.WebSockets;

/// <summary>A whole message or control frame from the client, unmasked (and reassembled if fragmented).</summary>
internal readonly record struct ClientFrame(byte Opcode, ReadOnlyMemory<byte> Payload);
