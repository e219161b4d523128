using System.Text;
using Appliance.MarketData.Instruments;

namespace Appliance.MarketData.Tests.Instruments;

public class InstrumentTableTests
{
    [Test]
    public void Ids_follow_configuration_order()
    {
        var table = TestInstruments.Create();
        Assert.That(table.TryGetId("BTCUSDT"u8, out int btc), Is.True);
        Assert.That(table.TryGetId("BNBBTC"u8, out int bnb), Is.True);
        Assert.That(table.TryGetId("ETHUSDT"u8, out int eth), Is.True);
        Assert.That((btc, bnb, eth), Is.EqualTo((0, 1, 2)));
        Assert.That(table[1].Symbol, Is.EqualTo("BNB-BTC"));
        Assert.That(table.ScalesOf(1), Is.EqualTo(new InstrumentScales(8, 3)));
    }

    [Test]
    public void Lookup_folds_ascii_case_because_stream_names_are_lower_case()
    {
        var table = TestInstruments.Create();
        Assert.That(table.TryGetId("btcusdt"u8, out int id), Is.True);
        Assert.That(id, Is.EqualTo(0));
        Assert.That(table.TryGetId("BtCuSdT"u8, out id), Is.True);
        Assert.That(id, Is.EqualTo(0));
    }

    [TestCase("")]
    [TestCase("BTCUSD")]
    [TestCase("BTCUSDTT")]
    [TestCase("XBTUSDT")]
    [TestCase("BTCUSDU")]
    [TestCase("A")]
    [TestCase("AVERYLONGSYMBOLNAME12345")]
    public void Unknown_symbols_are_not_found(string symbol)
    {
        var table = TestInstruments.Create();
        Assert.That(table.TryGetId(Encoding.ASCII.GetBytes(symbol), out int id), Is.False);
        Assert.That(id, Is.EqualTo(-1));
    }

    [Test]
    public void Every_length_from_1_to_40_round_trips_among_many_similar_symbols()
    {
        var instruments = new List<Instrument>();
        for (int length = 1; length <= 40; length++)
        {
            for (int variant = 0; variant < 10; variant++)
            {
                var chars = new char[length];
                for (int i = 0; i < length; i++) chars[i] = (char)('A' + (i * 7 + variant) % 26);
                chars[length - 1] = (char)('0' + variant);
                instruments.Add(new Instrument($"S{length}-{variant}", new string(chars), 2, 2));
            }
        }
        var table = new InstrumentTable(instruments);
        for (int id = 0; id < instruments.Count; id++)
        {
            Assert.That(table.TryGetId(Encoding.ASCII.GetBytes(instruments[id].VenueSymbol.ToLowerInvariant()), out int found), Is.True, instruments[id].VenueSymbol);
            Assert.That(found, Is.EqualTo(id), instruments[id].VenueSymbol);
        }
    }

    [Test]
    public void Symbols_equal_but_for_case_are_refused_at_construction()
    {
        var e = Assert.Throws<ArgumentException>(() => new InstrumentTable(
        [
            new Instrument("A", "BTCUSDT", 2, 2),
            new Instrument("B", "btcusdt", 2, 2),
        ]));
        Assert.That(e!.Message, Does.Contain("btcusdt").And.Contain("'A'"));
    }

    [Test]
    public void Tick_and_lot_sizes_parse_exactly_at_the_scales()
    {
        var instrument = Instrument.Create("BTC-USDT", "BTCUSDT", priceScale: 2, quantityScale: 8, tickSize: "0.01000000", lotSize: "0.00001");
        Assert.That(instrument.TickSizeUnits, Is.EqualTo(1));
        Assert.That(instrument.LotSizeUnits, Is.EqualTo(1000));
        Assert.Throws<ArgumentException>(() => Instrument.Create("X", "X", 2, 2, tickSize: "0.001", lotSize: "1"));
    }

    [Test]
    public void Lookup_allocates_nothing()
    {
        var table = TestInstruments.Create();
        ReadOnlySpan<byte> symbol = "ethusdt"u8;
        table.TryGetId(symbol, out _);
        long before = GC.GetAllocatedBytesForCurrentThread();
        int sum = 0;
        for (int i = 0; i < 1000; i++)
        {
            table.TryGetId(symbol, out int id);
            sum += id;
        }
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        Assert.That(sum, Is.EqualTo(2000));
    }
}
