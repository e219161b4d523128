using Appliance.MarketData.Decoding;
using Appliance.MarketData.Events;

namespace Appliance.MarketData.Tests.Decoding;

// Instruments (TestInstruments): BTCUSDT id 0 (price scale 2, qty 8), BNBBTC id 1 (8, 3), ETHUSDT id 2 (2, 4).
[TestFixture(DecoderKind.HandScanner)]
[TestFixture(DecoderKind.HandScannerGeneralPath)]
[TestFixture(DecoderKind.Utf8JsonReader)]
public class BinanceDecoderTests(DecoderKind kind)
{
    private DecoderUnderTest _decoder = null!;

    [SetUp]
    public void SetUp() => _decoder = new DecoderUnderTest(kind);

    [Test]
    public void Trade_fills_every_field()
    {
        var result = _decoder.Decode("""{"e":"trade","E":1672515782136,"s":"BNBBTC","t":12345,"p":"0.00100000","q":"100.00000000","T":1672515782135,"m":true,"M":true}""");
        Assert.That(result, Is.EqualTo(new DecodeResult(DecodeStatus.Ok, BinanceMessageType.Trade, 1, 0)));
        ref MarketEvent e = ref _decoder[0];
        Assert.That(e.Kind, Is.EqualTo(MarketEventKind.Trade));
        Assert.That(e.InstrumentId, Is.EqualTo(1));
        Assert.That(e.Price, Is.EqualTo(100_000));        // 0.001 at scale 8
        Assert.That(e.Quantity, Is.EqualTo(100_000));     // 100 at scale 3
        Assert.That(e.TradeId, Is.EqualTo(12345));
        Assert.That(e.FirstId, Is.EqualTo(12345));
        Assert.That(e.LastId, Is.EqualTo(12345));
        Assert.That(e.ExchangeTimeNs, Is.EqualTo(1672515782136_000_000));
        Assert.That(e.TransactionTimeNs, Is.EqualTo(1672515782135_000_000));
        Assert.That(e.Aggressor, Is.EqualTo(Side.Sell), "buyer is maker: the seller aggressed");
        Assert.That(e.Flags, Is.EqualTo(MarketEventFlags.BestMatch));
        Assert.That(e.ReceiveTimestamp, Is.EqualTo(DecoderUnderTest.ReceiveTimestamp));
        Assert.That(e.ConnectionId, Is.EqualTo(DecoderUnderTest.ConnectionId));
        Assert.That(e.DecodeTimestamp, Is.Not.Zero);
    }

    [Test]
    public void Reordered_fields_whitespace_and_unknown_nested_values_decode_the_same()
    {
        var result = _decoder.Decode("""
            {
              "q" : "100" ,
              "x" : { "a" : [1, {"b": null, "c": [true, false, -1.5e3]}], "s" : "ZZZ", "t": 9 },
              "p":"0.001",	"s":"BNBBTC", "M": false, "m":false,
              "ignored": [[["deep"]]], "t":12345, "T":1, "E":2, "e":"trade", "n": null
            }
            """);
        Assert.That(result.Status, Is.EqualTo(DecodeStatus.Ok), result.ToString());
        ref MarketEvent e = ref _decoder[0];
        Assert.That((e.Price, e.Quantity, e.TradeId, e.InstrumentId), Is.EqualTo((100_000L, 100_000L, 12345L, (ushort)1)));
        Assert.That(e.Aggressor, Is.EqualTo(Side.Buy));
        Assert.That(e.Flags, Is.EqualTo(MarketEventFlags.None));
        Assert.That((e.ExchangeTimeNs, e.TransactionTimeNs), Is.EqualTo((2_000_000L, 1_000_000L)));
    }

    [Test]
    public void Escapes_in_keys_types_symbols_prices_and_skipped_strings_are_understood()
    {
        var result = _decoder.Decode("""
            {"\u0065":"tr\u0061de","s":"BNB\u0042TC","t":1,"p":"0.0\u00301","q":"1","T":1,"m":false,
             "note":"quote \" backslash \\ slash \/ unicode \u00e9 \ud83d\ude00 }]"}
            """);
        Assert.That(result.Status, Is.EqualTo(DecodeStatus.Ok), result.ToString());
        Assert.That(_decoder[0].InstrumentId, Is.EqualTo(1));
        Assert.That(_decoder[0].Price, Is.EqualTo(100_000), "0.001 at scale 8");
        Assert.That(_decoder[0].Quantity, Is.EqualTo(1_000));
    }

    [Test]
    public void Many_decimals_are_exact_and_trailing_zeros_beyond_the_scale_are_accepted()
    {
        var result = _decoder.Decode("""{"e":"trade","E":1,"s":"BTCUSDT","t":1,"p":"16578.12000000000000","q":"0.00012345","T":1,"m":true}""");
        Assert.That(result.Status, Is.EqualTo(DecodeStatus.Ok), result.ToString());
        Assert.That(_decoder[0].Price, Is.EqualTo(1_657_812));
        Assert.That(_decoder[0].Quantity, Is.EqualTo(12_345));
    }

    [Test]
    public void A_price_finer_than_the_scale_is_refused_with_its_offset()
    {
        string json = """{"e":"trade","E":1,"s":"BTCUSDT","t":1,"p":"16578.125","q":"1","T":1,"m":true}""";
        var result = _decoder.Decode(json);
        Assert.That(result.Status, Is.EqualTo(DecodeStatus.InvalidDecimal));
        Assert.That(result.Offset, Is.EqualTo(json.IndexOf("16578.125", StringComparison.Ordinal) + 8), "the offending digit");
        Assert.That(result.EventCount, Is.Zero);
    }

    [Test]
    public void AggTrade_carries_the_first_and_last_trade_ids()
    {
        var result = _decoder.Decode("""{"e":"aggTrade","E":1672515782136,"s":"BTCUSDT","a":12345,"p":"23000.01","q":"0.5","f":100,"l":105,"T":1672515782136,"m":false,"M":true}""");
        Assert.That(result.MessageType, Is.EqualTo(BinanceMessageType.AggTrade));
        ref MarketEvent e = ref _decoder[0];
        Assert.That((e.TradeId, e.FirstId, e.LastId), Is.EqualTo((12345L, 100L, 105L)));
        Assert.That((e.Price, e.Quantity), Is.EqualTo((2_300_001L, 50_000_000L)));
        Assert.That(e.Aggressor, Is.EqualTo(Side.Buy));
    }

    [Test]
    public void BookTicker_puts_best_bid_and_ask_in_levels_0_and_1()
    {
        var result = _decoder.Decode("""{"u":400900217,"s":"BTCUSDT","b":"25350.10000000","B":"31.21000000","a":"25350.20000000","A":"40.66000000"}""");
        Assert.That(result.MessageType, Is.EqualTo(BinanceMessageType.BookTicker));
        ref MarketEvent e = ref _decoder[0];
        Assert.That(e.Kind, Is.EqualTo(MarketEventKind.BestBidOffer));
        Assert.That(e.LastId, Is.EqualTo(400900217));
        Assert.That((e.BidCount, e.AskCount), Is.EqualTo(((byte)1, (byte)1)));
        Assert.That((e.Bids[0].Price, e.Bids[0].Quantity), Is.EqualTo((2_535_010L, 3_121_000_000L)));
        Assert.That((e.Asks[0].Price, e.Asks[0].Quantity), Is.EqualTo((2_535_020L, 4_066_000_000L)));
        Assert.That(e.ExchangeTimeNs, Is.Zero, "spot bookTicker has no event time");
    }

    [Test]
    public void DepthUpdate_larger_than_the_inline_buffer_continues_in_following_events()
    {
        var bids = string.Join(",", Enumerable.Range(0, 30).Select(i => $"[\"{1000 - i}.00\",\"{i}.5\"]"));
        var asks = string.Join(",", Enumerable.Range(0, 5).Select(i => $"[\"{1001 + i}.00\",\"{i + 1}\"]"));
        var result = _decoder.Decode($$"""{"e":"depthUpdate","E":5,"s":"ETHUSDT","U":157,"u":160,"b":[{{bids}}],"a":[{{asks}}]}""");
        Assert.That(result.Status, Is.EqualTo(DecodeStatus.Ok), result.ToString());
        Assert.That(result.EventCount, Is.EqualTo(2));

        ref MarketEvent first = ref _decoder[0];
        ref MarketEvent second = ref _decoder[1];
        Assert.That(first.Kind, Is.EqualTo(MarketEventKind.DepthDiff));
        Assert.That(first.Continues, Is.True);
        Assert.That((first.BidCount, first.AskCount, first.Part), Is.EqualTo(((byte)26, (byte)0, (ushort)0)));
        Assert.That(second.Continues, Is.False);
        Assert.That((second.BidCount, second.AskCount, second.Part), Is.EqualTo(((byte)4, (byte)5, (ushort)1)));
        foreach (var e in new[] { first, second })
        {
            Assert.That((e.FirstId, e.LastId, e.InstrumentId, e.ExchangeTimeNs), Is.EqualTo((157L, 160L, (ushort)2, 5_000_000L)));
        }
        Assert.That(first.Bids[25].Price, Is.EqualTo(97_500));
        Assert.That(second.Bids[0].Price, Is.EqualTo(97_400));
        Assert.That(second.Bids[3].Quantity, Is.EqualTo(295_000));
        Assert.That(second.Asks[4].Price, Is.EqualTo(100_500));
        Assert.That(second.Asks[4].Quantity, Is.EqualTo(50_000));
    }

    [Test]
    public void Empty_depth_update_is_one_event_without_levels()
    {
        var result = _decoder.Decode("""{"e":"depthUpdate","E":5,"s":"ETHUSDT","U":161,"u":161,"b":[],"a":[ ]}""");
        Assert.That(result.EventCount, Is.EqualTo(1));
        Assert.That(_decoder[0].LevelCount, Is.Zero);
    }

    [Test]
    public void Partial_depth_on_a_raw_stream_takes_the_connection_instrument()
    {
        var result = _decoder.Decode("""{"lastUpdateId":160,"bids":[["0.0024","10"],["0.0023","5"]],"asks":[["0.0026","100"]]}""", defaultInstrument: 1);
        Assert.That(result.MessageType, Is.EqualTo(BinanceMessageType.PartialDepth));
        ref MarketEvent e = ref _decoder[0];
        Assert.That(e.Kind, Is.EqualTo(MarketEventKind.DepthSnapshot));
        Assert.That((e.InstrumentId, e.FirstId, e.LastId), Is.EqualTo(((ushort)1, 160L, 160L)));
        Assert.That(e.Bids.ToArray().Select(l => (l.Price, l.Quantity)), Is.EqualTo(new[] { (240_000L, 10_000L), (230_000L, 5_000L) }));
        Assert.That(e.Asks[0].Price, Is.EqualTo(260_000));
    }

    [Test]
    public void Partial_depth_without_a_symbol_anywhere_is_missing_a_field()
    {
        var result = _decoder.Decode("""{"lastUpdateId":160,"bids":[],"asks":[]}""");
        Assert.That(result.Status, Is.EqualTo(DecodeStatus.MissingField));
    }

    [Test]
    public void Combined_stream_wrapper_names_the_instrument_of_partial_depth_in_either_order()
    {
        var before = _decoder.Decode("""{"stream":"bnbbtc@depth5@100ms","data":{"lastUpdateId":7,"bids":[["0.0024","10"]],"asks":[]}}""");
        Assert.That(before.Status, Is.EqualTo(DecodeStatus.Ok), before.ToString());
        Assert.That(_decoder[0].InstrumentId, Is.EqualTo(1));

        var after = _decoder.Decode("""{"data":{"lastUpdateId":7,"bids":[["1000.01","10"]],"asks":[]},"stream":"ethusdt@depth5"}""");
        Assert.That(after.Status, Is.EqualTo(DecodeStatus.Ok), after.ToString());
        Assert.That(_decoder[0].InstrumentId, Is.EqualTo(2));
    }

    [Test]
    public void Combined_stream_wrapper_around_a_trade_decodes_the_trade()
    {
        var result = _decoder.Decode("""{"stream":"btcusdt@trade","data":{"e":"trade","E":1,"s":"BTCUSDT","t":9,"p":"1.00","q":"2","T":1,"m":false,"M":true}}""");
        Assert.That(result.MessageType, Is.EqualTo(BinanceMessageType.Trade));
        Assert.That((_decoder[0].InstrumentId, _decoder[0].TradeId, _decoder[0].Price), Is.EqualTo(((ushort)0, 9L, 100L)));
    }

    [Test]
    public void Subscribe_result_null_is_an_acknowledgement_with_the_request_id()
    {
        var result = _decoder.Decode("""{"result":null,"id":1}""");
        Assert.That(result.MessageType, Is.EqualTo(BinanceMessageType.RequestResponse));
        ref MarketEvent e = ref _decoder[0];
        Assert.That((e.Kind, e.Status, e.StatusDetail, e.InstrumentId), Is.EqualTo((MarketEventKind.Status, FeedStatus.Subscribed, 1L, MarketEvent.NoInstrument)));
    }

    [Test]
    public void A_query_result_is_not_an_acknowledgement()
    {
        _decoder.Decode("""{"result":["btcusdt@aggTrade"],"id":3}""");
        Assert.That((_decoder[0].Status, _decoder[0].StatusDetail), Is.EqualTo((FeedStatus.RequestResult, 3L)));
    }

    [Test]
    public void Venue_error_answers_are_request_rejections_with_the_code()
    {
        var result = _decoder.Decode("""{"code": 2, "msg": "Invalid request: unknown variant \"SUBSCRIBEX\"","id": 4}""");
        Assert.That(result.Status, Is.EqualTo(DecodeStatus.Ok), result.ToString());
        ref MarketEvent e = ref _decoder[0];
        Assert.That((e.Status, e.StatusDetail, e.TradeId), Is.EqualTo((FeedStatus.RequestRejected, 2L, 4L)));
    }

    [Test]
    public void Microsecond_time_unit_scales_to_nanoseconds()
    {
        var decoder = new DecoderUnderTest(kind, BinanceTimeUnit.Microseconds);
        decoder.Decode("""{"e":"trade","E":1672515782136001,"s":"BTCUSDT","t":1,"p":"1","q":"1","T":1672515782136000,"m":true}""");
        Assert.That(decoder[0].ExchangeTimeNs, Is.EqualTo(1672515782136001_000));
    }

    [Test]
    public void Prices_sent_as_bare_numbers_are_read_exactly()
    {
        var result = _decoder.Decode("""{"e":"trade","E":1,"s":"BTCUSDT","t":1,"p":16578.1,"q":0.5,"T":1,"m":true}""");
        Assert.That(result.Status, Is.EqualTo(DecodeStatus.Ok), result.ToString());
        Assert.That((_decoder[0].Price, _decoder[0].Quantity), Is.EqualTo((1_657_810L, 50_000_000L)));
    }

    [TestCase("", DecodeStatus.Empty)]
    [TestCase(" \r\n\t", DecodeStatus.Empty)]
    [TestCase("[]", DecodeStatus.NotAnObject)]
    [TestCase("\"trade\"", DecodeStatus.NotAnObject)]
    [TestCase("{\"e\":\"kline\",\"E\":1,\"s\":\"BTCUSDT\",\"k\":{\"t\":1}}", DecodeStatus.UnknownMessage)]
    [TestCase("{}", DecodeStatus.UnknownMessage)]
    [TestCase("{\"e\":\"trade\",\"E\":1,\"s\":\"XRPUSDT\",\"t\":1,\"p\":\"1\",\"q\":\"1\",\"T\":1,\"m\":true}", DecodeStatus.UnknownSymbol)]
    [TestCase("{\"e\":\"trade\",\"E\":1,\"s\":\"BTCUSDT\",\"p\":\"1\",\"q\":\"1\",\"T\":1,\"m\":true}", DecodeStatus.MissingField)]
    [TestCase("{\"e\":\"trade\",\"E\":1,\"s\":\"BTCUSDT\",\"t\":\"1\",\"p\":\"1\",\"q\":\"1\",\"T\":1,\"m\":true}", DecodeStatus.MissingField)]
    [TestCase("{\"e\":\"trade\",\"E\":1,\"s\":\"BTCUSDT\",\"t\":1.5,\"p\":\"1\",\"q\":\"1\",\"T\":1,\"m\":true}", DecodeStatus.InvalidNumber)]
    [TestCase("{\"e\":\"trade\",\"E\":1,\"s\":\"BTCUSDT\",\"t\":99999999999999999999,\"p\":\"1\",\"q\":\"1\",\"T\":1,\"m\":true}", DecodeStatus.InvalidNumber)]
    [TestCase("{\"e\":\"trade\",\"E\":1,\"s\":\"BTCUSDT\",\"t\":1,\"p\":\"1.2.3\",\"q\":\"1\",\"T\":1,\"m\":true}", DecodeStatus.InvalidDecimal)]
    [TestCase("{\"e\":\"trade\",\"E\":1,\"s\":\"BTCUSDT\",\"t\":1,\"p\":\"-1\",\"q\":\"1\",\"T\":1,\"m\":true}", DecodeStatus.InvalidDecimal)]
    [TestCase("{\"e\":\"trade\",\"E\":1,\"s\":\"BTCUSDT\",\"t\":1,\"p\":\"\",\"q\":\"1\",\"T\":1,\"m\":true}", DecodeStatus.InvalidDecimal)]
    [TestCase("{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BTCUSDT\",\"U\":1,\"u\":2,\"b\":[[\"1\"]],\"a\":[]}", DecodeStatus.InvalidLevel)]
    [TestCase("{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BTCUSDT\",\"U\":1,\"u\":2,\"b\":[\"1\",\"2\"],\"a\":[]}", DecodeStatus.InvalidLevel)]
    [TestCase("{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BTCUSDT\",\"U\":1,\"u\":2,\"b\":[[true,\"2\"]],\"a\":[]}", DecodeStatus.InvalidLevel)]
    public void Malformed_or_unsupported_messages_get_a_status(string json, DecodeStatus expected)
    {
        var result = _decoder.Decode(json);
        Assert.That(result.Status, Is.EqualTo(expected), result.ToString());
    }

    [TestCase("{\"e\":\"tr\\qade\"}")]
    [TestCase("{\"e\":\"tr\\u00zzade\"}")]
    [TestCase("{\"e\":\"tr\u0001ade\"}")]
    [TestCase("{\"e\" \"trade\"}")]
    [TestCase("{\"e\":\"trade\",}")]
    [TestCase("{\"e\":\"trade\"}}")]
    [TestCase("{\"e\":\"trade\"} x")]
    [TestCase("{\"e\":tru}")]
    [TestCase("{\"t\":01}")]
    [TestCase("{\"x\":[1,2,}")]
    [TestCase("{'e':'trade'}")]
    public void Invalid_json_is_refused_not_half_decoded(string json)
    {
        var result = _decoder.Decode(json);
        if (kind != DecoderKind.Utf8JsonReader)
            Assert.That(result.Status, Is.AnyOf(DecodeStatus.InvalidJson, DecodeStatus.InvalidEscape, DecodeStatus.InvalidNumber), result.ToString());
        else // the oracle only classifies Utf8JsonReader's exception roughly
            Assert.That(result.Status, Is.Not.EqualTo(DecodeStatus.Ok), result.ToString());
        Assert.That(result.EventCount, Is.Zero);
    }

    [Test]
    public void Nesting_beyond_the_limit_is_refused()
    {
        string json = "{\"x\":" + new string('[', 100) + new string(']', 100) + "}";
        Assert.That(_decoder.Decode(json).Status, Is.EqualTo(DecodeStatus.TooDeep));
    }

    [Test]
    public void Every_truncation_of_every_message_gets_a_status_and_never_an_exception()
    {
        foreach (string json in DecoderCorpus.Valid)
        {
            byte[] full = System.Text.Encoding.UTF8.GetBytes(json.TrimEnd());
            for (int length = 0; length < full.Length; length++)
            {
                DecodeResult result = default;
                Assert.DoesNotThrow(() => result = _decoder.Decode(full[..length]));
                Assert.That(result.Status, Is.Not.EqualTo(DecodeStatus.Ok), $"{json[..length]}");
            }
        }
    }

    [Test]
    public void Random_byte_corruption_never_throws()
    {
        var random = new Random(42);
        foreach (string json in DecoderCorpus.Valid)
        {
            byte[] full = System.Text.Encoding.UTF8.GetBytes(json);
            for (int round = 0; round < 200; round++)
            {
                byte[] copy = (byte[])full.Clone();
                int flips = random.Next(1, 4);
                for (int k = 0; k < flips; k++) copy[random.Next(copy.Length)] = (byte)random.Next(256);
                Assert.DoesNotThrow(() => _decoder.Decode(copy));
            }
        }
    }
}
