using Appliance.Venue.Tests.Support;

namespace Appliance.Venue.Tests.Connections;

/// <summary>An independent WebSocket implementation (python3-websockets) subscribes and receives consistent data.</summary>
public sealed class IndependentClientTests
{
    [Test]
    public async Task Python_client_subscribes_on_ws_and_sees_continuous_ids()
    {
        await using VenueHost venue = await Venues.StartAsync(o => o.Rate = 3000);
        var result = await PythonClient.RunAsync(venue.WebSocketUri("/ws"), 1500,
            """{"method":"SUBSCRIBE","params":["btcusdt@depth","ethusdt@depth","btcusdt@trade","solusdt@bookTicker"],"id":42}""");
        Assert.That(result["first_reply"], Is.EqualTo("""{"result":null,"id":42}"""));
        Assert.That(int.Parse(result["messages"]), Is.EqualTo(1500));
        Assert.That(int.Parse(result["depth"]), Is.GreaterThan(300));
        Assert.That(int.Parse(result["trades"]), Is.GreaterThan(30));
        Assert.That(result["gaps"], Is.EqualTo("0"));
    }

    [Test]
    public async Task Python_client_reads_combined_streams()
    {
        await using VenueHost venue = await Venues.StartAsync(o => o.Rate = 3000);
        var result = await PythonClient.RunAsync(venue.WebSocketUri("/stream?streams=solusdt@depth@100ms/solusdt@trade/ethusdt@aggTrade"), 1000);
        Assert.That(int.Parse(result["depth"]), Is.GreaterThan(200));
        Assert.That(result["gaps"], Is.EqualTo("0"));
        Assert.That(result["replies"], Is.EqualTo("0"));
    }
}
