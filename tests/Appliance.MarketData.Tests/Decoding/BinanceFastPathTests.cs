using System.Runtime.InteropServices;
using System.Text;
using Appliance.MarketData.Decoding;
using Appliance.MarketData.Events;
using Appliance.MarketData.Instruments;
using Appliance.Venue.Market;
using Appliance.Venue.Streams;

namespace Appliance.MarketData.Tests.Decoding;

/// <summary>
/// The decoder with its fast path against the general path alone, message by message: the same
/// <see cref="DecodeResult"/> (status, type, events claimed, offset) and the same event bytes, over the
/// simulator's own messages, random values and layouts, and every truncation and single-byte corruption
/// of canonical messages. Where the fast path declines, it must have claimed nothing.
/// </summary>
public class BinanceFastPathTests
{
    private static readonly InstrumentTable Table = TestInstruments.Create();
    private static readonly string[] StreamNames = ["btcusdt@trade", "bnbbtc@aggTrade", "ethusdt@bookTicker", "x", ""];

    private readonly BinanceDecoder _milliseconds = new(Table);
    private readonly BinanceDecoder _microseconds = new(Table, BinanceTimeUnit.Microseconds);
    private MarketEventBuffer _both = new(64);
    private MarketEventBuffer _general = new(64);
    private MarketEventBuffer _fastOnly = new(64);
    private int _compared;
    private int _taken;

    [SetUp]
    public void SetUp() => (_compared, _taken) = (0, 0);

    [Test]
    public void The_simulators_trade_aggTrade_and_bookTicker_messages_take_the_fast_path_and_decode_identically()
    {
        var random = new Random(11);
        foreach (byte[] message in SimulatorMessages(random, 3000, edgeValues: false))
        {
            Assert.That(Compare(_milliseconds, message), Is.True, $"not taken: {Text(message)}");
            Assert.That(Compare(_milliseconds, Wrap(message, random)), Is.True, $"not taken wrapped: {Text(message)}");
            Compare(_microseconds, message);
        }
        Assert.That(_taken, Is.EqualTo(_compared));
    }

    [Test]
    public void Simulator_messages_with_edge_values_decode_identically()
    {
        var random = new Random(12);
        foreach (byte[] message in SimulatorMessages(random, 6000, edgeValues: true))
        {
            Compare(_milliseconds, message);
            Compare(_milliseconds, Wrap(message, random));
        }
        TestContext.Out.WriteLine($"{_compared} compared, {_taken} by the fast path");
        // Most of these messages carry at least one value past the fast path's limits (19-digit units, signs).
        Assert.That(_taken, Is.GreaterThan(_compared / 40).And.LessThan(_compared), "both paths were exercised");
    }

    [Test]
    public void Hand_built_messages_with_random_values_and_layouts_decode_identically()
    {
        var random = new Random(13);
        for (int i = 0; i < 30_000; i++)
        {
            string type = (i % 3) switch { 0 => "trade", 1 => "aggTrade", _ => "bookTicker" };
            List<(string Key, string Value)> fields = Fields(type, random, edgeValues: random.Next(2) == 0);
            bool canonical = random.Next(3) == 0 || !Mutate(fields, random);
            string json = Render(fields, whitespace: !canonical && random.Next(6) == 0 ? random : null);
            if (random.Next(4) == 0) json = $"{{\"stream\":\"{StreamNames[random.Next(StreamNames.Length)]}\",\"data\":{json}}}";
            Compare(random.Next(4) == 0 ? _microseconds : _milliseconds, Encoding.UTF8.GetBytes(json));
        }
        TestContext.Out.WriteLine($"{_compared} compared, {_taken} by the fast path");
        Assert.That(_taken, Is.GreaterThan(_compared / 20).And.LessThan(_compared), "both paths were exercised");
    }

    [Test]
    public void Every_truncation_corruption_deletion_and_insertion_of_canonical_messages_decodes_identically()
    {
        foreach (byte[] message in CanonicalMessages())
        {
            Assert.That(Compare(_milliseconds, message), Is.True, Text(message));
            for (int length = 0; length < message.Length; length++) Compare(_milliseconds, message[..length]);
            for (int at = 0; at < message.Length; at++)
            {
                byte[] copy = (byte[])message.Clone();
                for (int b = 0; b < 256; b++)
                {
                    copy[at] = (byte)b;
                    Compare(_milliseconds, copy);
                }
                Compare(_milliseconds, [.. message.AsSpan(0, at), .. message.AsSpan(at + 1)]);
                Compare(_milliseconds, [.. message.AsSpan(0, at), (byte)' ', .. message.AsSpan(at)]);
                Compare(_milliseconds, [.. message.AsSpan(0, at), (byte)'0', .. message.AsSpan(at)]);
            }
            Compare(_milliseconds, [.. message, (byte)' ']);
            Compare(_milliseconds, [.. message, (byte)'}']);
        }
        TestContext.Out.WriteLine($"{_compared} compared, {_taken} by the fast path");
    }

    [Test]
    public void Decimals_at_every_scale_read_the_same_as_the_general_path()
    {
        // S0..S18: price scale n, quantity scale 18 - n.
        var table = new InstrumentTable(Enumerable.Range(0, 19).Select(n => new Instrument($"S{n}", $"S{n}", priceScale: n, quantityScale: 18 - n)));
        var decoder = new BinanceDecoder(table);
        var random = new Random(14);
        string[] fixedTexts = ["0", "0.0", "0.00000000", "1", "1.", "10.5", "007.50", "999999999999999999", "99999999999999999.9", "1.00000000000000000000",
            "0.000000000000000001", "123456789.12345678", "12345678.123456789", "1.10000000", "1.01000000", "1.00000001", "0.12345678", "5.000000000"];
        for (int i = 0; i < 40_000; i++)
        {
            int n = random.Next(19);
            string price = i < fixedTexts.Length * 19 ? fixedTexts[i % fixedTexts.Length] : $"{Digits(random, 1, 12)}.{Digits(random, 0, 12)}";
            string quantity = random.Next(2) == 0 ? price : $"{Digits(random, 1, 4)}.{Digits(random, 8, 8)}{new string('0', random.Next(3))}";
            string json = $$"""{"u":1,"s":"S{{n}}","b":"{{price}}","B":"{{quantity}}","a":"{{quantity}}","A":"{{price}}"}""";
            Compare(decoder, Encoding.UTF8.GetBytes(json));
        }
        TestContext.Out.WriteLine($"{_compared} compared, {_taken} by the fast path");
        Assert.That(_taken, Is.GreaterThan(_compared / 10).And.LessThan(_compared), "both paths were exercised");
    }

    [TestCase("""{"e":"trade","E":1,"s":"BTCUSDT","t":1,"p":"16578.12000000","q":"1","T":1,"m":true,"M":true}""", 1_657_812L)]
    [TestCase("""{"e":"trade","E":1,"s":"BTCUSDT","t":1,"p":"16578.12","q":"1","T":1,"m":true,"M":true}""", 1_657_812L)]
    [TestCase("""{"e":"trade","E":1,"s":"BTCUSDT","t":1,"p":"16578","q":"1","T":1,"m":true,"M":true}""", 1_657_800L)]
    [TestCase("""{"e":"trade","E":1,"s":"btcusdt","t":1,"p":"0.01","q":"1","T":1,"m":true,"M":true}""", 1L)]
    public void Canonical_trades_are_taken_and_parsed_at_the_instruments_scale(string json, long price)
    {
        byte[] payload = Encoding.UTF8.GetBytes(json);
        Assert.That(Compare(_milliseconds, payload), Is.True);
        Assert.That(_both[0].Price, Is.EqualTo(price));
    }

    [TestCase("""{"e":"trade","E":1,"s":"BTCUSDT","t":1,"p":"16578.125","q":"1","T":1,"m":true,"M":true}""", DecodeStatus.InvalidDecimal)]
    [TestCase("""{"e":"trade","E":1,"s":"XRPUSDT","t":1,"p":"1","q":"1","T":1,"m":true,"M":true}""", DecodeStatus.UnknownSymbol)]
    [TestCase("""{"e":"trade","E":1,"s":"BTCUSDT","t":01,"p":"1","q":"1","T":1,"m":true,"M":true}""", DecodeStatus.InvalidJson)]
    [TestCase("""{"e":"trade","E":1,"s":"BTCUSDT","t":1,"p":"-1","q":"1","T":1,"m":true,"M":true}""", DecodeStatus.InvalidDecimal)]
    [TestCase("""{"e":"trade","E":1,"s":"BTCUSDT","t":99999999999999999999,"p":"1","q":"1","T":1,"m":true,"M":true}""", DecodeStatus.InvalidNumber)]
    [TestCase("""{"u":1,"s":"BTCUSDT","b":"1","B":"1","a":"1","A":"1"} x""", DecodeStatus.InvalidJson)]
    [TestCase("""{"u":1,"s":"BTCUSDT","b":"1","B":"1","a":"1","A":"1""", DecodeStatus.Truncated)]
    public void What_the_fast_path_declines_fails_exactly_as_the_general_path_says(string json, DecodeStatus expected)
    {
        byte[] payload = Encoding.UTF8.GetBytes(json);
        Assert.That(Compare(_milliseconds, payload), Is.False);
        Assert.That(_both.Count, Is.EqualTo(_general.Count));
        var context = new DecodeContext(1, 1);
        Assert.That(_milliseconds.Decode(payload, context, ref _both).Status, Is.EqualTo(expected));
    }

    [Test]
    public void A_nineteen_digit_id_that_fits_a_long_is_left_to_the_general_path_which_reads_it()
    {
        byte[] payload = Encoding.UTF8.GetBytes("""{"u":9223372036854775807,"s":"BTCUSDT","b":"1","B":"1","a":"1","A":"1"}""");
        Assert.That(Compare(_milliseconds, payload), Is.False);
        Assert.That(_both[0].LastId, Is.EqualTo(long.MaxValue));
    }

    [Test]
    public void Decoding_canonical_messages_allocates_nothing_after_warm_up()
    {
        byte[][] messages = CanonicalMessages().ToArray();
        foreach (byte[] m in messages) Assert.That(Compare(_milliseconds, m), Is.True, Text(m));
        long allocated = DecoderAllocationTests.AllocatedOverRounds(_milliseconds, messages, new DecodeContext(1, 1), ref _both, out int ok);

        Assert.That(allocated, Is.Zero);
        Assert.That(ok, Is.EqualTo(1000 * messages.Length));
    }

    /// <summary>Decodes both ways and fails on any difference; true when the fast path took the message.</summary>
    private bool Compare(BinanceDecoder decoder, byte[] payload)
    {
        var context = new DecodeContext(123_456_789, 7);
        _both.Clear();
        _general.Clear();
        _fastOnly.Clear();
        DecodeResult both = decoder.Decode(payload, context, ref _both);
        DecodeResult general = decoder.DecodeGeneral(payload, context, ref _general);
        BinanceMessageType taken = decoder.DecodeFast(payload, context, ref _fastOnly);
        _compared++;

        if (both != general || _both.Count != _general.Count)
            Assert.Fail($"{Text(payload)}\nwith fast path: {both}\ngeneral path: {general}");
        for (int i = 0; i < _both.Count; i++)
        {
            if (!Bytes(ref _both[i]).SequenceEqual(Bytes(ref _general[i])))
                Assert.That(Bytes(ref _both[i]), Is.EqualTo(Bytes(ref _general[i])), $"event {i} of {Text(payload)}");
        }
        if (taken == BinanceMessageType.Unknown)
        {
            if (_fastOnly.Count != 0) Assert.Fail($"the fast path declined but claimed {_fastOnly.Count} slot(s): {Text(payload)}");
            return false;
        }
        if (!general.IsOk || general.MessageType != taken || _fastOnly.Count != 1 || _both[0].DecodeTimestamp == 0)
            Assert.Fail($"the fast path took {taken} with {_fastOnly.Count} event(s) where the general path says {general}: {Text(payload)}");
        _taken++;
        return true;
    }

    // The event as replay digests see it: everything but the decode stamp, levels up to the counts.
    private static byte[] Bytes(ref MarketEvent e)
    {
        MarketEvent copy = e;
        copy.DecodeTimestamp = 0;
        int used = MarketEvent.HeaderSize + copy.LevelCount * 16;
        return MemoryMarshal.AsBytes(new ReadOnlySpan<MarketEvent>(ref copy))[..used].ToArray();
    }

    private static string Text(byte[] payload) => Encoding.UTF8.GetString(payload);

    private static byte[] Wrap(byte[] message, Random random) =>
        [.. Encoding.UTF8.GetBytes($"{{\"stream\":\"{StreamNames[random.Next(StreamNames.Length)]}\",\"data\":"), .. message, (byte)'}'];

    /// <summary>One of each layout the fast path takes, raw and wrapped, as Binance and the simulator write them.</summary>
    private static IEnumerable<byte[]> CanonicalMessages()
    {
        string[] raw =
        [
            """{"e":"trade","E":1672515782136,"s":"BTCUSDT","t":3412345678,"p":"16578.12000000","q":"0.00120000","T":1672515782135,"m":true,"M":true}""",
            """{"e":"trade","E":1672515782136,"s":"BNBBTC","t":12345,"p":"0.00100000","q":"100.00000000","b":88,"a":50,"T":1672515782135,"m":false,"M":false}""",
            """{"e":"aggTrade","E":1672515782136,"s":"ETHUSDT","a":2412345678,"p":"1578.12","q":"0.5","f":0,"l":3412345678,"T":1672515782135,"m":false,"M":true}""",
            """{"u":400900217,"s":"BTCUSDT","b":"16578.12000000","B":"3.12100000","a":"16578.13000000","A":"0.40660000"}""",
        ];
        foreach (string json in raw)
        {
            yield return Encoding.UTF8.GetBytes(json);
            yield return Encoding.UTF8.GetBytes($"{{\"stream\":\"btcusdt@trade\",\"data\":{json}}}");
        }
    }

    /// <summary>Messages written by the venue simulator's own writer, with random (or, with <paramref name="edgeValues"/>, extreme) values.</summary>
    private static IEnumerable<byte[]> SimulatorMessages(Random random, int count, bool edgeValues)
    {
        VenueInstrument[] specs = [.. Enumerable.Range(0, Table.Count).Select(id => new VenueInstrument(Table[id], 1, 1))];
        var json = new JsonBytes();
        for (int i = 0; i < count; i++)
        {
            VenueInstrument spec = specs[random.Next(specs.Length)];
            int decimals = random.Next(4) == 0 ? random.Next(0, 19) : 8;
            long Id() => edgeValues ? EdgeLong(random) : random.NextInt64(0, Pow10(random.Next(1, 19)));
            long Units() => edgeValues ? EdgeLong(random) : random.NextInt64(0, Pow10(random.Next(1, 13)));
            long time = edgeValues ? EdgeLong(random) : 1_717_200_000_000 + random.Next(1_000_000);
            switch (i % 3)
            {
                case 0:
                    MarketMessages.Trade(json, spec, decimals, time, Id(), Units(), Units(), Id(), Id(), random.Next(2) == 0);
                    break;
                case 1:
                    MarketMessages.AggTrade(json, spec, decimals, time, Id(), Units(), Units(), Id(), Id(), random.Next(2) == 0);
                    break;
                default:
                    MarketMessages.BookTicker(json, spec, decimals, Id(), Units(), Units(), Units(), Units());
                    break;
            }
            yield return json.Written.ToArray();
        }
    }

    private static long EdgeLong(Random random) => random.Next(12) switch
    {
        0 => 0,
        1 => -random.NextInt64(1, 1_000_000),
        2 => long.MaxValue,
        3 => long.MinValue,
        4 => Pow10(18) - 1,
        5 => Pow10(18),
        6 => random.NextInt64(Pow10(18), long.MaxValue),
        _ => random.NextInt64(0, Pow10(random.Next(1, 19))),
    };

    private static long Pow10(int n)
    {
        long p = 1;
        for (int i = 0; i < n; i++) p *= 10;
        return p;
    }

    /// <summary>The canonical field list of a message type; with <paramref name="edgeValues"/> each value is often at an edge or invalid.</summary>
    private static List<(string Key, string Value)> Fields(string type, Random r, bool edgeValues)
    {
        string Int(Random r) => edgeValues ? EdgeInt(r) : r.NextInt64(0, Pow10(r.Next(1, 19))).ToString();
        string Dec(Random r, int scale) => edgeValues ? EdgeDec(r, scale) : $"\"{Digits(r, 1, 9)}.{Digits(r, 0, scale)}{new string('0', r.Next(4))}\"";
        string Symbol(Random r, string symbol) => edgeValues ? EdgeSymbol(r, symbol) : "\"" + symbol + "\"";
        string Bool(Random r) => edgeValues ? EdgeBool(r) : r.Next(2) == 0 ? "true" : "false";

        int scaleSymbol = r.Next(3);
        (string symbol, int priceScale, int quantityScale) = scaleSymbol switch
        {
            0 => ("BTCUSDT", 2, 8),
            1 => ("BNBBTC", 8, 3),
            _ => ("ETHUSDT", 2, 4),
        };
        string s = Symbol(r, symbol);
        return type switch
        {
            "trade" => r.Next(2) == 0
                ? [("e", "\"trade\""), ("E", Int(r)), ("s", s), ("t", Int(r)), ("p", Dec(r, priceScale)), ("q", Dec(r, quantityScale)),
                   ("T", Int(r)), ("m", Bool(r)), ("M", Bool(r))]
                : [("e", "\"trade\""), ("E", Int(r)), ("s", s), ("t", Int(r)), ("p", Dec(r, priceScale)), ("q", Dec(r, quantityScale)),
                   ("b", Int(r)), ("a", Int(r)), ("T", Int(r)), ("m", Bool(r)), ("M", Bool(r))],
            "aggTrade" =>
                [("e", "\"aggTrade\""), ("E", Int(r)), ("s", s), ("a", Int(r)), ("p", Dec(r, priceScale)), ("q", Dec(r, quantityScale)),
                 ("f", Int(r)), ("l", Int(r)), ("T", Int(r)), ("m", Bool(r)), ("M", Bool(r))],
            _ => [("u", Int(r)), ("s", s), ("b", Dec(r, priceScale)), ("B", Dec(r, quantityScale)), ("a", Dec(r, priceScale)), ("A", Dec(r, quantityScale))],
        };
    }

    /// <summary>Changes the layout (order, extra, missing or repeated fields, escaped keys); false if it left it alone.</summary>
    private static bool Mutate(List<(string Key, string Value)> fields, Random r)
    {
        int at = r.Next(fields.Count);
        switch (r.Next(7))
        {
            case 0:
                int other = r.Next(fields.Count);
                (fields[at], fields[other]) = (fields[other], fields[at]);
                return at != other;
            case 1:
                fields.Insert(r.Next(fields.Count + 1), (r.Next(2) == 0 ? "x" : "b", r.Next(3) switch { 0 => "1", 1 => "\"y\"", _ => "{\"k\":[1,\"]\"]}" }));
                return true;
            case 2:
                fields.RemoveAt(at);
                return true;
            case 3:
                fields.Insert(r.Next(fields.Count + 1), fields[at]);
                return true;
            case 4:
                fields[at] = ($"\\u00{(int)fields[at].Key[0]:x2}{fields[at].Key[1..]}", fields[at].Value);
                return true;
            case 5:
                fields[at] = (fields[at].Key, r.Next(2) == 0 ? "null" : "[]");
                return true;
            default:
                return false;
        }
    }

    private static string Render(List<(string Key, string Value)> fields, Random? whitespace)
    {
        string Ws() => whitespace is null ? "" : " \t\r\n"[whitespace.Next(4)..][..whitespace.Next(2)];
        var b = new StringBuilder();
        b.Append(Ws()).Append('{');
        for (int i = 0; i < fields.Count; i++)
        {
            if (i > 0) b.Append(Ws()).Append(',');
            b.Append(Ws()).Append('"').Append(fields[i].Key).Append('"').Append(Ws()).Append(':').Append(Ws()).Append(fields[i].Value);
        }
        return b.Append(Ws()).Append('}').Append(Ws()).ToString();
    }

    private static string EdgeInt(Random r) => r.Next(24) switch
    {
        0 => "0",
        1 => "-" + r.NextInt64(0, 1_000_000),
        2 => "0" + r.NextInt64(0, 1_000_000),
        3 => r.NextInt64(Pow10(18), long.MaxValue).ToString(),
        4 => "9223372036854775807",
        5 => "9223372036854775808",
        6 => "123456789012345678901",
        7 => "1.5",
        8 => "1e3",
        9 => "\"123\"",
        10 => "null",
        11 => "-0",
        12 => (Pow10(18) - 1).ToString(),
        13 => "-",
        _ => r.NextInt64(0, Pow10(r.Next(1, 19))).ToString(),
    };

    private static string EdgeDec(Random r, int scale) => r.Next(30) switch
    {
        0 => "\"\"",
        1 => "\"-1.5\"",
        2 => "\"+1.5\"",
        3 => "\".5\"",
        4 => "\"5.\"",
        5 => "\"1.2.3\"",
        6 => "\"00.10\"",
        7 => "\"1e3\"",
        8 => "\"99999999999999999999\"",
        9 => "1.25",
        10 => "\"1.0\\u0030\"",
        11 => "\"-0.0\"",
        12 => "\".\"",
        13 => "\"0.\"" ,
        // finer than the scale: refused
        14 => $"\"{Digits(r, 1, 6)}.{Digits(r, scale + 1, scale + 1)[..scale]}{r.Next(1, 10)}\"",
        // excess trailing zeros: accepted
        15 => $"\"{Digits(r, 1, 6)}.{(scale > 0 ? Digits(r, scale, scale) : "")}{new string('0', r.Next(1, 20))}\"",
        // near and past the 18-digit fast limit of FixedDecimal and past long
        16 => $"\"{Digits(r, 17 - scale, 21 - scale)}.{(scale > 0 ? Digits(r, scale, scale) : "0")}\"",
        17 => "\"1 \"",
        18 => "\"1\\\"\"",
        _ => $"\"{Digits(r, 1, 9)}.{Digits(r, 0, Math.Min(scale + 3, 18))}\"",
    };

    private static string Digits(Random r, int min, int max)
    {
        int n = r.Next(Math.Max(min, 0), Math.Max(max, 0) + 1);
        var b = new StringBuilder(n);
        for (int i = 0; i < n; i++) b.Append((char)('0' + r.Next(10)));
        return b.ToString();
    }

    private static string EdgeSymbol(Random r, string symbol) => r.Next(16) switch
    {
        0 => "\"XRPUSDT\"",
        1 => "\"" + symbol.ToLowerInvariant() + "\"",
        2 => $"\"{symbol[..3]}\\u00{(int)symbol[3]:x2}{symbol[4..]}\"",
        3 => "\"\"",
        4 => "\"" + symbol + "\\\"\"",
        5 => "null",
        6 => "\"BTCUSDTBTCUSDTBTCUSDT\"",
        _ => "\"" + symbol + "\"",
    };

    private static string EdgeBool(Random r) => r.Next(12) switch
    {
        0 => "1",
        1 => "null",
        2 => "\"true\"",
        3 => "tru",
        4 => "falsey",
        _ => r.Next(2) == 0 ? "true" : "false",
    };
}
