using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Appliance.WebSockets.Deflate;
using Appliance.WebSockets.Errors;
using Appliance.WebSockets.Handshake;

namespace Appliance.WebSockets.Connection;

/// <summary>
/// Opens connections: DNS, TCP (TCP_NODELAY), optional TLS, and the HTTP/1.1 Upgrade. Cold path.
/// Every socket call here is synchronous on purpose: a single async call would make the socket
/// non-blocking for its whole life, and the synchronous receive loop would then wait on .NET's epoll
/// thread instead of blocking in recv itself. Timeouts are enforced by shutting the socket.
/// </summary>
public static class WebSocketClient
{
    private const int MaxResponseHeaderBytes = 16 * 1024;

    /// <summary>Connects on a dedicated thread (the calls block); see <see cref="Connect"/>.</summary>
    public static Task<WebSocketConnection> ConnectAsync(Uri uri, WebSocketClientOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.Factory.StartNew(() => Connect(uri, options, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Connects on the calling thread.</summary>
    /// <exception cref="WebSocketConnectException">With <see cref="ConnectFailure"/> saying which step failed.</exception>
    public static WebSocketConnection Connect(Uri uri, WebSocketClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new WebSocketClientOptions();
        WebSocketEndpoint endpoint = WebSocketEndpoint.Parse(uri);
        if (options.BusyPoll && endpoint.Secure)
            throw new ArgumentException("BusyPoll needs ws://: a TLS read cannot be polled without blocking", nameof(options));

        Socket socket = ConnectSocket(endpoint, options, cancellationToken);
        Stream? stream = null;
        try
        {
            stream = new NetworkStream(socket, ownsSocket: false);
            SslStream? tls = null;
            HandshakeResult result;
            byte[] buffer;
            int end, length;
            using (var deadline = new Deadline(socket, options.HandshakeTimeout, cancellationToken))
            {
                try
                {
                    if (endpoint.Secure)
                    {
                        tls = new SslStream(stream, leaveInnerStreamOpen: false);
                        stream = tls;
                        Authenticate(tls, endpoint, options);
                    }
                    string key = SecWebSocketKey.Create();
                    string? deflateOffer = options.Deflate is null ? null : DeflateNegotiation.BuildOffer(options.Deflate);
                    stream.Write(HandshakeRequest.Build(endpoint, key, options.SubProtocols, deflateOffer, options.Headers));
                    (buffer, end, length) = ReadResponse(stream);
                    HandshakeResponse response = HandshakeResponse.TryParse(buffer.AsSpan(0, end), out string? parseError)
                        ?? throw new WebSocketConnectException(ConnectFailure.InvalidHandshake, $"{endpoint.HostHeader}: {parseError}");
                    result = HandshakeValidator.Validate(response, key, options.SubProtocols, options.Deflate);
                }
                catch (Exception e) when (deadline.Expired && e is not ArgumentException)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    throw new WebSocketConnectException(ConnectFailure.HandshakeTimeout,
                        $"{endpoint.HostHeader}: handshake did not finish within {options.HandshakeTimeout.TotalSeconds:0.###} s", inner: e);
                }
            }
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

    private static Socket ConnectSocket(WebSocketEndpoint endpoint, WebSocketClientOptions options, CancellationToken cancellationToken)
    {
        IPAddress[] addresses = Resolve(endpoint, options, cancellationToken);
        Exception? last = null;
        foreach (IPAddress address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using var deadline = new Deadline(socket, options.ConnectTimeout, cancellationToken);
            try
            {
                // Before connect, so the window scale offered in the SYN matches the buffer.
                if (options.ReceiveBufferSize is int rcv) socket.ReceiveBufferSize = rcv;
                if (options.SendBufferSize is int snd) socket.SendBufferSize = snd;
                socket.Connect(new IPEndPoint(address, endpoint.Port));
                return socket;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                socket.Dispose();
                cancellationToken.ThrowIfCancellationRequested();
                if (deadline.Expired)
                    throw new WebSocketConnectException(ConnectFailure.ConnectTimeout, $"{address}:{endpoint.Port}: no TCP connection within {options.ConnectTimeout.TotalSeconds:0.###} s", inner: e);
                last = e;
            }
        }
        string reason = last is SocketException se ? se.SocketErrorCode.ToString() : last?.Message ?? "no address";
        throw new WebSocketConnectException(ConnectFailure.ConnectFailed, $"{endpoint.Host}:{endpoint.Port}: {reason}", inner: last);
    }

    private static IPAddress[] Resolve(WebSocketEndpoint endpoint, WebSocketClientOptions options, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(endpoint.Host, out IPAddress? literal)) return [literal];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        try
        {
            // DNS runs on its own machinery and never touches our socket, so async is harmless here.
            IPAddress[] addresses = Dns.GetHostAddressesAsync(endpoint.Host, timeout.Token).GetAwaiter().GetResult();
            if (addresses.Length == 0) throw new WebSocketConnectException(ConnectFailure.DnsFailed, $"{endpoint.Host}: no addresses");
            return addresses;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WebSocketConnectException(ConnectFailure.ConnectTimeout, $"{endpoint.Host}: DNS did not answer within {options.ConnectTimeout.TotalSeconds:0.###} s");
        }
        catch (SocketException e)
        {
            throw new WebSocketConnectException(ConnectFailure.DnsFailed, $"{endpoint.Host}: {e.Message}", inner: e);
        }
    }

    private static void Authenticate(SslStream tls, WebSocketEndpoint endpoint, WebSocketClientOptions options)
    {
        var ssl = new SslClientAuthenticationOptions
        {
            // SNI carries this name (SslStream omits SNI for address literals) and the certificate must match it.
            TargetHost = options.TlsTargetHost ?? endpoint.Host,
            EnabledSslProtocols = options.TlsProtocols,
            CertificateRevocationCheckMode = options.CheckCertificateRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck,
        };
        if (options.CaBundlePath is not null) ssl.CertificateChainPolicy = TrustOnly(options.CaBundlePath, ssl.CertificateRevocationCheckMode);
        try
        {
            tls.AuthenticateAsClient(ssl);
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            string detail = e.InnerException is null ? e.Message : $"{e.Message} ({e.InnerException.Message})";
            throw new WebSocketConnectException(ConnectFailure.TlsFailed, $"{endpoint.HostHeader}: TLS: {detail}", inner: e);
        }
    }

    /// <summary>A chain policy that trusts the CA bundle's certificates and nothing else.</summary>
    private static X509ChainPolicy TrustOnly(string caBundlePath, X509RevocationMode revocation)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(caBundlePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new WebSocketConnectException(ConnectFailure.TlsFailed, $"CA bundle {caBundlePath}: {e.Message}", inner: e);
        }
        if (roots.Count == 0)
            throw new WebSocketConnectException(ConnectFailure.TlsFailed, $"CA bundle {caBundlePath}: no certificates");
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = revocation };
        policy.CustomTrustStore.AddRange(roots);
        return policy;
    }

    private static (byte[] Buffer, int End, int Length) ReadResponse(Stream stream)
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
            int n;
            try
            {
                n = stream.Read(buffer.AsSpan(length));
            }
            catch (IOException e)
            {
                throw new WebSocketConnectException(ConnectFailure.ConnectionClosed, $"connection lost during the handshake: {e.Message}", inner: e);
            }
            if (n == 0)
                throw new WebSocketConnectException(ConnectFailure.ConnectionClosed, "server closed the connection during the handshake");
            length += n;
            int end = HandshakeResponse.FindEnd(buffer.AsSpan(0, length));
            if (end >= 0) return (buffer, end, length);
        }
    }
}
