using System.Text.Json;
using Appliance.MarketData.Books;
using Appliance.MarketData.Events;
using Appliance.MarketData.Instruments;
using Appliance.Trading.Config;
using Appliance.Trading.Control;
using Appliance.Trading.Engine;
using Appliance.Trading.Gateways.Venue;
using Appliance.Trading.Tests.TestSupport;
using Appliance.Venue;

namespace Appliance.Trading.Tests.Gateways.Venue;

/// <summary>The whole engine trading against the simulator through the venue gateway.</summary>
public class EngineOnVenueTests
{
    private sealed class Rig : IAsyncDisposable
    {
        public VenueHost Venue = null!;
        public InstrumentTable Table = null!;
        public OrderBook?[] Books = null!;
        public TradingEngine Engine = null!;
        public VenueGateway Gateway = null!;
        public ScriptedStrategy Strategy = new();
        public MarketEvent Event;
        public long Now = 1_700_000_000_000_000_000;

        public static async Task<Rig> StartAsync()
        {
            var rig = new Rig();
            rig.Venue = await VenueServer.StartAsync(new VenueOptions { Urls = "http://127.0.0.1:0", Log = false, StartPaused = true, OrderRate = 0, DepthLevels = 200, BufferMegabytes = 16, BufferEntries = 1 << 17 });
            rig.Table = rig.Venue.CreateInstrumentTable();
            rig.Books = new OrderBook?[rig.Table.Count];
            for (int i = 0; i < rig.Books.Length; i++) rig.Books[i] = new OrderBook(i, 50);
            rig.Engine = new TradingEngine(new TradingEngineOptions
            {
                Instruments = rig.Table,
                Books = rig.Books,
                Strategy = new StrategyConfig { Instruments = ["BTCUSDT"], Exits = new ExitConfig { TakeProfitPct = 0, StopLossPct = 0, MaxHoldSeconds = 0, EmergencyMovePct = 0 } },
                Risk = RiskFixture.Loose,
                StrategyOverride = rig.Strategy,
                ClientOrderIdBase = 9_000_000,
                GatewayFactory = _ =>
                {
                    rig.Gateway = new VenueGateway(new VenueGatewayOptions
                    {
                        Config = new VenueGatewayConfig { Url = rig.Venue.WebSocketUri("/trade?tag=engine").ToString(), RequestsPerSecond = 100m, ReconnectInitialMs = 20 },
                        Instruments = rig.Table,
                        ApiKey = "engine",
                    });
                    return rig.Gateway;
                },
            });
            rig.Gateway.Start();
            Wait.Until(() => { rig.Engine.Poll(); return rig.Gateway.IsReady; }, "the gateway ready");
            await rig.MarketFromVenueAsync();
            return rig;
        }

        /// <summary>A snapshot event of the venue's (paused) BTC book and a trade at its touch, through the engine.</summary>
        public async Task MarketFromVenueAsync()
        {
            JsonElement book = await Venue.Control.BookAsync("BTCUSDT");
            Event.ResetHeader();
            Event.Kind = MarketEventKind.DepthSnapshot;
            Event.InstrumentId = 0;
            Event.ExchangeTimeNs = Now += 1_000_000;
            int n = 0;
            foreach (JsonElement level in book.GetProperty("bids").EnumerateArray().Take(10)) Event.Levels[n++] = Level(level);
            Event.BidCount = (byte)n;
            foreach (JsonElement level in book.GetProperty("asks").EnumerateArray().Take(10)) Event.Levels[n++] = Level(level);
            Event.AskCount = (byte)(n - Event.BidCount);
            Books[0]!.Apply(in Event);
            Engine.OnEvent(in Event);
            Trade(Books[0]!.BestAsk.Price);
        }

        public void Trade(long price)
        {
            Event.ResetHeader();
            Event.Kind = MarketEventKind.Trade;
            Event.InstrumentId = 0;
            Event.ExchangeTimeNs = Event.TransactionTimeNs = Now += 1_000_000;
            Event.Price = price;
            Event.Quantity = 100;
            Engine.OnEvent(in Event);
        }

        private static BookLevel Level(JsonElement level) =>
            new(VenueGatewayFixture.Units(level[0].GetString()!, 2), VenueGatewayFixture.Units(level[1].GetString()!, 5));

        public async ValueTask DisposeAsync()
        {
            Engine.Dispose();
            await Venue.DisposeAsync();
        }
    }

    [Test]
    public async Task Strategy_target_fills_at_the_venue_and_flatten_closes_it_there()
    {
        await using Rig rig = await Rig.StartAsync();
        rig.Strategy.Next.Enqueue(i => i.TargetPosition(0, 5_000)); // 0.05 BTC
        rig.Trade(rig.Books[0]!.BestAsk.Price);
        Wait.Until(() => { rig.Engine.Poll(); return rig.Engine.Instruments[0].Position.Quantity == 5_000; }, "the fill from the venue");
        using (var probe = new VenueProbe(rig.Venue, "engine")) Assert.That(probe.Position("BTCUSDT"), Is.EqualTo(0.05m));
        Assert.That(rig.Engine.ReadSnapshot()!.Positions.First(p => p.Symbol == "BTCUSDT").Quantity, Is.EqualTo(0.05m));

        rig.Engine.Control.Post(ControlCommandKind.Flatten, "test");
        Wait.Until(() => { rig.Engine.Poll(); return rig.Engine.Instruments[0].Position.IsFlat; }, "flat");
        using (var probe = new VenueProbe(rig.Venue, "engine")) Assert.That(probe.Position("BTCUSDT"), Is.EqualTo(0m));
    }

    [Test]
    public async Task A_position_changed_behind_our_back_is_corrected_at_the_next_reconnect_and_recorded()
    {
        await using Rig rig = await Rig.StartAsync();
        using (var probe = new VenueProbe(rig.Venue, "engine"))
            probe.Call("private/insert", """{"client_order_id":1,"instrument_name":"BTCUSDT","direction":"sell","order_type":"market","amount":"0.02000"}""");
        await rig.Venue.Control.FaultAsync("""{"kind":"drop","tag":"engine"}""");
        Wait.Until(() => { rig.Engine.Poll(); return rig.Engine.PositionCorrections == 1; }, "the correction");
        Assert.That(rig.Engine.Instruments[0].Position.Quantity, Is.EqualTo(-2_000));
        Assert.That(rig.Gateway.Status.Reconciliations, Is.EqualTo(2));
    }
}
