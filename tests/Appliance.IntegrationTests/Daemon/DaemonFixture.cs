using System.Text.Json;
using Appliance.Venue;

namespace Appliance.IntegrationTests.Daemon;

/// <summary>A venue simulator on a free loopback port, a scratch directory, and configs for daemons that use them.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DaemonFixture : IAsyncDisposable
{
    private DaemonFixture(VenueHost venue, string directory)
    {
        Venue = venue;
        Directory = directory;
    }

    public VenueHost Venue { get; }

    public string Directory { get; }

    public static async Task<DaemonFixture> StartAsync(bool startPaused = false, long rate = 2000)
    {
        VenueHost venue = await VenueServer.StartAsync(new VenueOptions { Urls = "http://127.0.0.1:0", Log = false, Rate = rate, StartPaused = startPaused });
        // Short: a Unix socket path holds 107 bytes.
        string dir = System.IO.Directory.CreateTempSubdirectory("apd-").FullName;
        // Other users (a client run as nobody) must reach the socket inside.
        File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
        return new DaemonFixture(venue, dir);
    }

    public string SocketPath => Path.Combine(Directory, "admin.sock");

    /// <summary>Writes a config for this venue; <paramref name="extra"/> is spliced in as more top-level keys.</summary>
    public string WriteConfig(string name = "appliance.json", string extra = "")
    {
        int port = Venue.Port;
        string json = $$"""
            {
              "instruments": [
                { "symbol": "BTC-USDT", "venueSymbol": "BTCUSDT", "priceScale": 2, "quantityScale": 5, "tickSize": "0.01", "lotSize": "0.00001" },
                { "symbol": "ETH-USDT", "venueSymbol": "ETHUSDT", "priceScale": 2, "quantityScale": 4, "tickSize": "0.01", "lotSize": "0.0001" }
              ],
              "feeds": [
                { "name": "binance", "url": "ws://127.0.0.1:{{port}}/stream", "snapshotUrl": "http://127.0.0.1:{{port}}/api/v3/depth",
                  "streams": [ "btcusdt@trade", "btcusdt@bookTicker", "btcusdt@depth@100ms", "ethusdt@trade", "ethusdt@depth@100ms" ], "staleAfterMs": 5000 }
              ],
              "ring": { "capacity": 16384 },
              "journal": { "enabled": true, "directory": {{JsonSerializer.Serialize(Path.Combine(Directory, "journal"))}} },
              "logging": { "stdout": "text", "level": "information" },
              "admin": { "socketPath": {{JsonSerializer.Serialize(SocketPath)}}, "socketMode": "0666", "socketGroup": null, "adminGroup": null, "maxClients": 16 },
              "threads": { "spin": "backoff" },
              "shutdown": { "stopTimeoutSeconds": 10 },
              {{extra}}
              "systemd": { "readyTimeoutSeconds": 60, "statusIntervalSeconds": 1, "extendTimeoutSeconds": 4 }
            }
            """;
        string path = Path.Combine(Directory, name);
        File.WriteAllText(path, json);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Venue.DisposeAsync();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
