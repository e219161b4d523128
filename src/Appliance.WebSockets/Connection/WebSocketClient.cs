using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Appliance.WebSockets.Deflate;
using Appliance.WebSockets.Errors;
using Appliance.WebSockets.Handshake;

namespace Appliance.WebSockets.Connection;

/// <summary>Opens connections: DNS, TCP (TCP_NODELAY), optional TLS, and the HTTP/1.1 Upgrade. Cold path.</summary>
public static class WebSocketClient
{
    private const int MaxResponseHeaderBytes = 16 * 1024;

    /// <exception cref="WebSocketConnectException">With <see cref="ConnectFailure"/> saying which step failed.</exception>
    public static async Task<WebSocketConnection> ConnectAsync(Uri uri, WebSocketClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new WebSocketClientOptions();
        WebSocketEndpoint endpoint = WebSocketEndpoint.Parse(uri);
        if (options.BusyPoll && endpoint.Secure)
            throw new ArgumentException("BusyPoll needs ws://: a TLS read cannot be polled without blocking", nameof(options));

        Socket socket = await ConnectSocketAsync(endpoint, options, cancellationToken).ConfigureAwait(false);
        Stream? stream = null;
        try
        {
            stream = new NetworkStream(socket, ownsSocket: false);
            using var handshakeTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            handshakeTimeout.CancelAfter(options.HandshakeTimeout);
            CancellationToken token = handshakeTimeout.Token;

            SslStream? tls = null;
            if (endpoint.Secure)
            {
                tls = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = tls;
                await AuthenticateAsync(tls, endpoint, options, token, cancellationToken).ConfigureAwait(false);
            }

            string key = SecWebSocketKey.Create();
            string? deflateOffer = options.Deflate is null ? null : DeflateNegotiation.BuildOffer(options.Deflate);
            byte[] request = HandshakeRequest.Build(endpoint, key, options.SubProtocols, deflateOffer, options.Headers);
            HandshakeResult result;
            byte[] buffer;
            int end, length;
            try
            {
                await stream.WriteAsync(request, token).ConfigureAwait(false);
                (buffer, end, length) = await ReadResponseAsync(stream, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new WebSocketConnectException(ConnectFailure.HandshakeTimeout, $"{endpoint.HostHeader}: no handshake response within {options.HandshakeTimeout.TotalSeconds:0.###} s");
            }
            catch (IOException e)
            {
                throw new WebSocketConnectException(ConnectFailure.ConnectionClosed, $"{endpoint.HostHeader}: {e.Message}", inner: e);
            }

            HandshakeResponse response = HandshakeResponse.TryParse(buffer.AsSpan(0, end), out string? parseError)
                ?? throw new WebSocketConnectException(ConnectFailure.InvalidHandshake, $"{endpoint.HostHeader}: {parseError}");
            result = HandshakeValidator.Validate(response, key, options.SubProtocols, options.Deflate);

            var transport = new Transport(socket, stream, tls, options.BusyPoll);
            return new WebSocketConnection(transport, endpoint, result, buffer.AsSpan(end, length - end), options);
        }
        catch
        {
            stream?.Dispose();
            socket.Dispose();
            throw;
        }
    }

    private static async Task<Socket> ConnectSocketAsync(WebSocketEndpoint endpoint, WebSocketClientOptions options, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        IPAddress[] addresses;
        try
        {
            addresses = await endpoint.ResolveAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WebSocketConnectException(ConnectFailure.ConnectTimeout, $"{endpoint.Host}: DNS did not answer within {options.ConnectTimeout.TotalSeconds:0.###} s");
        }

        Exception? last = null;
        foreach (IPAddress address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                // Before connect, so the window scale offered in the SYN matches the buffer.
                if (options.ReceiveBufferSize is int rcv) socket.ReceiveBufferSize = rcv;
                if (options.SendBufferSize is int snd) socket.SendBufferSize = snd;
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), timeout.Token).ConfigureAwait(false);
                return socket;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                socket.Dispose();
                throw new WebSocketConnectException(ConnectFailure.ConnectTimeout, $"{address}:{endpoint.Port}: no TCP connection within {options.ConnectTimeout.TotalSeconds:0.###} s");
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
        }
        throw new WebSocketConnectException(ConnectFailure.ConnectFailed, $"{endpoint.Host}:{endpoint.Port}: {last?.Message}", inner: last);
    }

    private static async Task AuthenticateAsync(SslStream tls, WebSocketEndpoint endpoint, WebSocketClientOptions options,
        CancellationToken token, CancellationToken callerToken)
    {
        var ssl = new SslClientAuthenticationOptions
        {
            // SNI carries this name (SslStream omits SNI for address literals) and the certificate must match it.
            TargetHost = options.TlsTargetHost ?? endpoint.Host,
            EnabledSslProtocols = options.TlsProtocols,
            CertificateRevocationCheckMode = options.CheckCertificateRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck,
        };
        if (options.CaBundlePath is not null)
        {
            var roots = new X509Certificate2Collection();
            try
            {
                roots.ImportFromPemFile(options.CaBundlePath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                throw new WebSocketConnectException(ConnectFailure.TlsFailed, $"CA bundle {options.CaBundlePath}: {e.Message}", inner: e);
            }
            if (roots.Count == 0)
                throw new WebSocketConnectException(ConnectFailure.TlsFailed, $"CA bundle {options.CaBundlePath}: no certificates");
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = ssl.CertificateRevocationCheckMode,
            };
            policy.CustomTrustStore.AddRange(roots);
            ssl.CertificateChainPolicy = policy;
        }
        try
        {
            await tls.AuthenticateAsClientAsync(ssl, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
        {
            throw new WebSocketConnectException(ConnectFailure.HandshakeTimeout, $"{endpoint.HostHeader}: TLS handshake did not finish within {options.HandshakeTimeout.TotalSeconds:0.###} s");
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            string detail = e.InnerException is null ? e.Message : $"{e.Message} ({e.InnerException.Message})";
            throw new WebSocketConnectException(ConnectFailure.TlsFailed, $"{endpoint.HostHeader}: TLS: {detail}", inner: e);
        }
    }

    private static async Task<(byte[] Buffer, int End, int Length)> ReadResponseAsync(Stream stream, CancellationToken token)
    {
        byte[] buffer = new byte[4096];
        int length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length >= MaxResponseHeaderBytes)
                    throw new WebSocketConnectException(ConnectFailure.InvalidHandshake, $"response header exceeds {MaxResponseHeaderBytes} bytes");
                Array.Resize(ref buffer, buffer.Length * 2);
            }
            int n = await stream.ReadAsync(buffer.AsMemory(length), token).ConfigureAwait(false);
            if (n == 0)
                throw new WebSocketConnectException(ConnectFailure.ConnectionClosed, "server closed the connection during the handshake");
            length += n;
            int end = HandshakeResponse.FindEnd(buffer.AsSpan(0, length));
            if (end >= 0) return (buffer, end, length);
        }
    }
}
