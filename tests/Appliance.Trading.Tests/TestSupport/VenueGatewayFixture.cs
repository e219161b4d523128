using System.Globalization;
using System.Text.Json;
using Appliance.MarketData.Events;
using Appliance.MarketData.Instruments;
using Appliance.Trading.Config;
using Appliance.Trading.Decisions;
using Appliance.Trading.Engine;
using Appliance.Trading.Gateways.Venue;
using Appliance.Trading.Orders;
using Appliance.Trading.Risk;
using Appliance.Venue;

namespace Appliance.Trading.Tests.TestSupport;

/// <summary>
/// The venue simulator in process (paused: the book holds still, orders still match against it), our venue
/// gateway logged in to it, and the strategy side — order manager, risk, decision log — driven by the test
/// thread, which plays the strategy thread.
/// </summary>
internal sealed class VenueGatewayFixture : IAsyncDisposable
{
    public const string Key = "trader";
    public const long IdBase = 7_000_000;

    private VenueGatewayFixture(VenueHost venue, InstrumentTable table, VenueGateway gateway)
    {
        Venue = venue;
        Table = table;
        Gateway = gateway;
        Instruments = new InstrumentState[table.Count];
        for (int i = 0; i < table.Count; i++) Instruments[i] = new InstrumentState(new InstrumentSpec(i, table[i])) { Traded = true };
        Risk = new RiskEngine(new RiskLimits(RiskFixture.Loose), Instruments);
        for (int i = 0; i < table.Count; i++) Risk.SetWarm(i, true);
        Log = new DecisionLog(4096);
        Orders = new OrderManager(new OrderPool(256, IdBase), gateway, Risk, Instruments, Log);
    }

    public VenueHost Venue { get; }
    public InstrumentTable Table { get; }
    public VenueGateway Gateway { get; }
    public InstrumentState[] Instruments { get; }
    public RiskEngine Risk { get; }
    public DecisionLog Log { get; }
    public OrderManager Orders { get; }
    public List<ExecutionReport> Other { get; } = new();
    public List<ExecutionReport> All { get; } = new();

    public InstrumentState Btc => Instruments[0];

    public static async Task<VenueGatewayFixture> StartAsync(Action<VenueOptions>? venue = null, Func<VenueGatewayConfig, VenueGatewayConfig>? gateway = null,
        bool start = true, string tag = "gw")
    {
        var options = new VenueOptions { Urls = "http://127.0.0.1:0", Log = false, Rate = 2000, DepthLevels = 200, BufferMegabytes = 16, BufferEntries = 1 << 17, StartPaused = true, OrderRate = 0 };
        venue?.Invoke(options);
        VenueHost host = await VenueServer.StartAsync(options);
        InstrumentTable table = host.CreateInstrumentTable();
        var config = new VenueGatewayConfig
        {
            Url = host.WebSocketUri($"/trade?tag={tag}").ToString(), RequestsPerSecond = 1_000m, RequestBurst = 100,
            ReconnectInitialMs = 20, ReconnectMaxMs = 200, RequestTimeoutMs = 5_000, ResendWindowMs = 2_000,
        };
        if (gateway is not null) config = gateway(config);
        var gw = new VenueGateway(new VenueGatewayOptions { Config = config, Instruments = table, ApiKey = Key, RingCapacity = 1024 });
        var f = new VenueGatewayFixture(host, table, gw);
        await f.PriceFromVenueAsync();
        if (start)
        {
            gw.Start();
            f.WaitReady();
        }
        return f;
    }

    public void WaitReady() => Pump(() => Gateway.IsReady, "the gateway to log in and reconcile");

    /// <summary>Plays the strategy thread: applies every report until <paramref name="condition"/> holds.</summary>
    public void Pump(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        Wait.Until(() =>
        {
            while (Gateway.TryPoll(out ExecutionReport r))
            {
                All.Add(r);
                if (!Orders.Apply(in r)) Other.Add(r);
                if (r.Kind == ExecutionReportKind.VenuePosition && Instruments[r.InstrumentId].Position.Quantity != r.Quantity)
                {
                    InstrumentState s = Instruments[r.InstrumentId];
                    long diff = r.Quantity - s.Position.Quantity;
                    Risk.OnFill(s, diff > 0 ? Side.Buy : Side.Sell, Math.Abs(diff), r.Price > 0 ? r.Price : s.Mark, 0);
                }
            }
            return condition();
        }, what, timeout);

    /// <summary>Best bid and ask of the venue's (paused) book, into the instrument states.</summary>
    public async Task PriceFromVenueAsync()
    {
        for (int i = 0; i < Table.Count; i++)
        {
            JsonElement book = await Venue.Control.BookAsync(Table[i].VenueSymbol);
            InstrumentState s = Instruments[i];
            s.BestBid = Units(book.GetProperty("bids")[0][0].GetString()!, s.Spec.PriceScale);
            s.BestAsk = Units(book.GetProperty("asks")[0][0].GetString()!, s.Spec.PriceScale);
            s.LastTrade = (s.BestBid + s.BestAsk) / 2 / s.Spec.TickSize * s.Spec.TickSize;
            Risk.OnMark(s, 0);
        }
    }

    public static long Units(string text, int scale) => (long)(decimal.Parse(text, CultureInfo.InvariantCulture) * (decimal)Math.Pow(10, scale));

    public long Submit(Side side, long quantity, long price, TimeInForce tif, int instrument = 0)
    {
        var request = new OrderRequest(instrument, side, quantity, price, OrderOrigin.Strategy, tif);
        Assert.That(Orders.Submit(in request, out long id), Is.EqualTo(RiskReason.Accepted));
        return id;
    }

    public bool Alive(long localId) => Orders.Pool.Find(localId) >= 0;

    public ref Order Get(long localId) => ref Orders.Pool[Orders.Pool.Find(localId)];

    public VenueProbe Probe() => new(Venue, Key);

    public async ValueTask DisposeAsync()
    {
        Gateway.Dispose();
        Log.Dispose();
        await Venue.DisposeAsync();
    }
}
