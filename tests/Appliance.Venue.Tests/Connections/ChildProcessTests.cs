using System.Runtime.InteropServices;
using Appliance.Venue.Tests.Support;

namespace Appliance.Venue.Tests.Connections;

/// <summary>The venue runs as a child process too: flags on the command line, its port on its first line, SIGTERM stops it.</summary>
public sealed class ChildProcessTests
{
    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    [Test]
    public async Task Child_process_serves_streams_and_stops_cleanly_on_sigterm()
    {
        using VenueProcess venue = VenueProcess.Start("--quiet", "--rate", "3000", "--instruments", "ETHUSDT,XRPUSDT:4:1:0.0001:0.1:0.5210:2000", "--seed", "5");
        using (var client = StreamClient.Connect(venue.WebSocketUri("/stream?streams=xrpusdt@depth/xrpusdt@bookTicker")))
        {
            byte[][] messages = client.WaitForCount(50);
            var table = new MarketData.Instruments.InstrumentTable(
            [
                Appliance.Venue.Market.DefaultMarket.EthUsdt.Instrument,
                Appliance.Venue.Market.VenueInstrument.Parse("XRPUSDT:4:1:0.0001:0.1:0.5210:2000").Instrument,
            ]);
            Assert.That(Decoded.All(table, messages).Select(e => e.InstrumentId).Distinct(), Is.EqualTo(new[] { (ushort)1 }));
        }
        using (var control = new VenueControlClient(venue.BaseUri))
        {
            var stats = await control.StatsAsync();
            Assert.That(stats.GetProperty("venue").GetProperty("seed").GetInt64(), Is.EqualTo(5));
        }
        Assert.That(kill(venue.Process.Id, 15), Is.Zero);
        Assert.That(venue.Process.WaitForExit(10_000), Is.True, "exits after SIGTERM");
        Assert.That(venue.Process.ExitCode, Is.Zero, venue.Output);
    }

    [Test]
    public void Bad_flags_exit_with_2_and_say_which()
    {
        var info = new System.Diagnostics.ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "Appliance.Venue"), ["--rate", "fast"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = System.Diagnostics.Process.Start(info)!;
        string error = process.StandardError.ReadToEnd();
        Assert.That(process.WaitForExit(20_000), Is.True);
        Assert.That(process.ExitCode, Is.EqualTo(2));
        Assert.That(error, Does.Contain("--rate 'fast'"));
    }
}
