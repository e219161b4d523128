using System.Net;
using System.Net.Sockets;
using System.Text;
using Appliance.WebSockets.Frames;
using Appliance.WebSockets.Handshake;

namespace Appliance.WebSockets.Tests.Support;

/// <summary>
/// A hand-driven server on a loopback socket for cases no real server produces on demand: exact handshake
/// responses, frames in the same write as the 101, silence, unanswered closes, and client frames read raw.
/// </summary>
internal sealed class RawServer : IDisposable
{
    private readonly TcpListener _listener;

    public RawServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public Uri Uri(string path = "/") => new($"ws://127.0.0.1:{Port}{path}");

    /// <summary>Accepts one client and reads its request header block.</summary>
    public async Task<Peer> AcceptAsync()
    {
        Socket socket = await _listener.AcceptSocketAsync().WaitAsync(TimeSpan.FromSeconds(10));
        socket.NoDelay = true;
        var peer = new Peer(socket);
        await peer.ReadRequestAsync();
        return peer;
    }

    public void Dispose() => _listener.Stop();

    internal sealed class Peer : IDisposable
    {
        private readonly NetworkStream _stream;
        private byte[] _pending = [];

        public Peer(Socket socket)
        {
            Socket = socket;
            _stream = new NetworkStream(socket, ownsSocket: true);
        }

        public Socket Socket { get; }
        public string Request { get; private set; } = "";

        public string? RequestHeader(string name)
        {
            foreach (string line in Request.Split("\r\n"))
            {
                int colon = line.IndexOf(':');
                if (colon > 0 && line[..colon].Equals(name, StringComparison.OrdinalIgnoreCase)) return line[(colon + 1)..].Trim();
            }
            return null;
        }

        public async Task ReadRequestAsync()
        {
            var buffer = new byte[8192];
            int length = 0;
            while (true)
            {
                int n = await _stream.ReadAsync(buffer.AsMemory(length)).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
                if (n == 0) throw new IOException("client closed during handshake");
                length += n;
                int end = HandshakeResponse.FindEnd(buffer.AsSpan(0, length));
                if (end < 0) continue;
                Request = Encoding.ASCII.GetString(buffer, 0, end);
                _pending = buffer[end..length];
                return;
            }
        }

        /// <summary>The standard 101 for the request's key, plus any extra header lines and bytes after it.</summary>
        public string Accept101(string extraHeaders = "") =>
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " +
            SecWebSocketKey.ComputeAccept(RequestHeader("Sec-WebSocket-Key")!) + "\r\n" + extraHeaders + "\r\n";

        public Task WriteAsync(string text) => WriteAsync(Encoding.ASCII.GetBytes(text));

        public async Task WriteAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

        public void Write(ReadOnlySpan<byte> bytes) => _stream.Write(bytes);

        /// <summary>Reads one client frame, checks it is masked, and returns it unmasked.</summary>
        public async Task<(Opcode Opcode, bool Fin, byte[] Payload, uint MaskKey)> ReadClientFrameAsync()
        {
            byte[] header = await ReadExactlyAsync(2);
            int len7 = header[1] & 0x7F;
            Assert.That(header[1] & 0x80, Is.EqualTo(0x80), "client frames must be masked");
            long length = len7;
            if (len7 == 126) length = System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(await ReadExactlyAsync(2));
            else if (len7 == 127) length = (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(await ReadExactlyAsync(8));
            if (len7 == 126) Assert.That(length, Is.GreaterThanOrEqualTo(126), "minimal length encoding");
            if (len7 == 127) Assert.That(length, Is.GreaterThan(65535), "minimal length encoding");
            byte[] key = await ReadExactlyAsync(4);
            byte[] payload = await ReadExactlyAsync((int)length);
            for (int i = 0; i < payload.Length; i++) payload[i] ^= key[i % 4];
            return ((Opcode)(header[0] & 0x0F), (header[0] & 0x80) != 0, payload, BitConverter.ToUInt32(key));
        }

        private async Task<byte[]> ReadExactlyAsync(int count)
        {
            var result = new byte[count];
            int taken = Math.Min(count, _pending.Length);
            _pending.AsSpan(0, taken).CopyTo(result);
            _pending = _pending[taken..];
            if (taken < count)
                await _stream.ReadExactlyAsync(result.AsMemory(taken)).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            return result;
        }

        /// <summary>True when the client closed its side (read returns 0).</summary>
        public async Task<bool> ReadsEndOfStreamAsync()
        {
            var buffer = new byte[1024];
            while (true)
            {
                int n = await _stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
                if (n == 0) return true;
            }
        }

        public void Dispose() => _stream.Dispose();
    }
}
