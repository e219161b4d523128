using Appliance.MarketData.Decoding;

namespace Appliance.MarketData.Tests.Decoding;

/// <summary>DecodeResult packs its four values into two fields; every value must come back as it went in.</summary>
public class DecodeResultTests
{
    [Test]
    public void Every_status_type_count_and_offset_comes_back_unchanged()
    {
        int[] counts = [0, 1, 2, 255, 256, 65_536, int.MaxValue];
        int[] offsets = [0, 1, 4_095, int.MaxValue];
        foreach (DecodeStatus status in Enum.GetValues<DecodeStatus>())
        foreach (BinanceMessageType type in Enum.GetValues<BinanceMessageType>())
        foreach (int count in counts)
        foreach (int offset in offsets)
        {
            var result = new DecodeResult(status, type, count, offset);
            Assert.That((result.Status, result.MessageType, result.EventCount, result.Offset), Is.EqualTo((status, type, count, offset)));
            Assert.That(result.IsOk, Is.EqualTo(status == DecodeStatus.Ok));
        }
    }

    [Test]
    public void Results_are_equal_exactly_when_all_four_values_are()
    {
        var a = new DecodeResult(DecodeStatus.Ok, BinanceMessageType.Trade, 1, 0);
        Assert.That(a, Is.EqualTo(new DecodeResult(DecodeStatus.Ok, BinanceMessageType.Trade, 1, 0)));
        Assert.That(a == new DecodeResult(DecodeStatus.Ok, BinanceMessageType.Trade, 1, 0), Is.True);
        Assert.That(a, Is.Not.EqualTo(new DecodeResult(DecodeStatus.Truncated, BinanceMessageType.Trade, 1, 0)));
        Assert.That(a, Is.Not.EqualTo(new DecodeResult(DecodeStatus.Ok, BinanceMessageType.AggTrade, 1, 0)));
        Assert.That(a, Is.Not.EqualTo(new DecodeResult(DecodeStatus.Ok, BinanceMessageType.Trade, 2, 0)));
        Assert.That(a != new DecodeResult(DecodeStatus.Ok, BinanceMessageType.Trade, 1, 7), Is.True);
        Assert.That(DecodeResult.Fail(DecodeStatus.InvalidNumber, 12, 3, BinanceMessageType.DepthUpdate).ToString(),
            Is.EqualTo("InvalidNumber at byte 12 (DepthUpdate, 3 slot(s) claimed)"));
    }
}
