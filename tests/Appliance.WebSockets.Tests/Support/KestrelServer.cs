using System.Net;
using System.Net.WebSockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Appliance.WebSockets.Tests.Support;

/// <summary>
/// ASP.NET Core Kestrel with its WebSocket middleware (the BCL's ManagedWebSocket on the server side),
/// in the test process on 127.0.0.1:0, optionally over TLS. Scenarios mirror the python peer's.
/// </summary>
internal sealed class KestrelServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _tls;

    public int Port { get; }
    /// <summary>The SNI name of the last TLS handshake (null when the client sent none).</summary>
    public string? LastSni { get; private set; }

    private KestrelServer(WebApplication app, bool tls)
    {
        _app = app;
        _tls = tls;
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address).Port;
    }

    public Uri Uri(string path, string host = "127.0.0.1") => new($"{(_tls ? "wss" : "ws")}://{host}:{Port}{path}");

    public static async Task<KestrelServer> StartAsync(X509Certificate2? certificate = null, SslProtocols protocols = SslProtocols.None)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        KestrelServer? self = null;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is null) return;
            listen.UseHttps(https =>
            {
                https.SslProtocols = protocols;
                https.ServerCertificateSelector = (_, name) =>
                {
                    self!.LastSni = name;
                    return certificate;
                };
            });
        }));
        WebApplication app = builder.Build();
        app.UseWebSockets();
        app.Map("/messages", Messages);
        app.Map("/echo", Echo);
        app.Map("/close", Close);
        app.Map("/keepalive", KeepAlive);
        await app.StartAsync();
        self = new KestrelServer(app, certificate is not null);
        return self;
    }

    private static readonly int[] Sizes = [0, 1, 125, 126, 127, 65535, 65536, 65537, 300_000];
    private static readonly int[] Splits = [1, 3, 7, 126, 127, 1000, 65536];

    private static async Task Messages(HttpContext context)
    {
        bool compress = context.Request.Query["compress"] == "1";
        bool fragment = context.Request.Query["fragment"] == "1";
        using WebSocket ws = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { DangerousEnableCompression = compress });
        var random = new Random(17);
        var digests = new List<string>();
        foreach (int size in Sizes)
        foreach (bool text in new[] { true, false })
        {
            byte[] data = text ? Encoding.UTF8.GetBytes(RandomText(random, size)) : RandomBytes(random, size);
            digests.Add(Convert.ToHexStringLower(SHA256.HashData(data)));
            var type = text ? WebSocketMessageType.Text : WebSocketMessageType.Binary;
            if (!fragment)
            {
                await ws.SendAsync(data, type, true, default);
                continue;
            }
            int pos = 0;
            do
            {
                int n = Math.Min(Splits[random.Next(Splits.Length)], data.Length - pos);
                await ws.SendAsync(data.AsMemory(pos, n), type, pos + n == data.Length, default);
                pos += n;
            } while (pos < data.Length);
        }
        await ws.SendAsync(Encoding.UTF8.GetBytes("DIGESTS " + JsonSerializer.Serialize(digests)), WebSocketMessageType.Text, true, default);
        await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", default);
    }

    private static string RandomText(Random random, int bytes)
    {
        var sb = new StringBuilder();
        int length = 0;
        string[] alphabet = ["a", "{", "\"", "7", "é", "€"];
        while (true)
        {
            string c = alphabet[random.Next(alphabet.Length)];
            int n = Encoding.UTF8.GetByteCount(c);
            if (length + n > bytes) break;
            sb.Append(c);
            length += n;
        }
        return sb.ToString();
    }

    private static byte[] RandomBytes(Random random, int size)
    {
        var b = new byte[size];
        random.NextBytes(b);
        return b;
    }

    private static async Task Echo(HttpContext context)
    {
        bool compress = context.Request.Query["compress"] == "1";
        using WebSocket ws = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { DangerousEnableCompression = compress });
        var buffer = new byte[2 * 1024 * 1024];
        while (true)
        {
            int length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await ws.ReceiveAsync(buffer.AsMemory(length), default);
                length += result.Count;
            } while (!result.EndOfMessage);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await ws.CloseAsync(ws.CloseStatus ?? WebSocketCloseStatus.NormalClosure, ws.CloseStatusDescription, default);
                return;
            }
            await ws.SendAsync(buffer.AsMemory(0, length), result.MessageType, true, default);
        }
    }

    private static async Task Close(HttpContext context)
    {
        using WebSocket ws = await context.WebSockets.AcceptWebSocketAsync();
        await ws.CloseAsync((WebSocketCloseStatus)int.Parse(context.Request.Query["code"]!), context.Request.Query["reason"], default);
    }

    /// <summary>The server pings every 20 ms and drops the connection if a pong is 2 s late (.NET 9+ keep-alive).</summary>
    private static async Task KeepAlive(HttpContext context)
    {
        using WebSocket ws = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = TimeSpan.FromMilliseconds(20),
            KeepAliveTimeout = TimeSpan.FromSeconds(2),
        });
        var buffer = new byte[1024];
        while (true)
        {
            var result = await ws.ReceiveAsync(buffer.AsMemory(), default);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "", default);
                return;
            }
            await ws.SendAsync("still alive"u8.ToArray(), WebSocketMessageType.Text, true, default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
