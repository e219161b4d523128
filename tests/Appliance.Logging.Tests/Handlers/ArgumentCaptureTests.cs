using System.Globalization;
using Appliance.Logging.Handlers;
using Appliance.Logging.Tests.TestSupport;
using Appliance.Primitives.FixedPoint;
using Appliance.Primitives.Time;

namespace Appliance.Logging.Tests.Handlers;

/// <summary>Byte-exact messages for every argument type the handler captures, formatted on the writer.</summary>
public class ArgumentCaptureTests
{
    private TestLog _t = null!;

    [SetUp]
    public void SetUp() => _t = new TestLog();

    [TearDown]
    public void TearDown() => _t.Dispose();

    [Test]
    public void Integers_of_every_width_print_as_dotnet_prints_them()
    {
        sbyte a = -5; byte b = 250; short c = -300; ushort d = 60000;
        int e = int.MinValue; uint f = 4_000_000_000; long g = long.MinValue; ulong h = ulong.MaxValue;
        _t.Log.Info($"{a} {b} {c} {d} {e} {f} {g} {h}");
        Assert.That(_t.Single(), Is.EqualTo("-5 250 -300 60000 -2147483648 4000000000 -9223372036854775808 18446744073709551615"));
    }

    [Test]
    public void Hex_formats_keep_the_callers_width()
    {
        sbyte a = -1; short b = -1; int c = -1; long d = -1; ushort e = 0xBEEF;
        _t.Log.Info($"{a:X} {b:X} {c:X} {d:X} {e:x8}");
        Assert.That(_t.Single(), Is.EqualTo("FF FFFF FFFFFFFF FFFFFFFFFFFFFFFF 0000beef"));
    }

    [Test]
    public void Floating_point_prints_shortest_round_trip_and_honours_formats()
    {
        double a = 0.1 + 0.2, nan = double.NaN, inf = double.NegativeInfinity;
        float f = 1.1f;
        _t.Log.Info($"{a} {Math.PI:F2} {1e21} {nan} {inf} {f} {2.5:E1}");
        string expected = string.Create(CultureInfo.InvariantCulture, $"{a} {Math.PI:F2} {1e21} {nan} {inf} {f} {2.5:E1}");
        Assert.That(_t.Single(), Is.EqualTo(expected));
        Assert.That(expected, Is.EqualTo("0.30000000000000004 3.14 1E+21 NaN -Infinity 1.1 2.5E+000"));
    }

    [Test]
    public void Bools_and_chars()
    {
        bool yes = true, no = false;
        char lone = '\ud800';
        _t.Log.Info($"{yes} {no} {'é'} {'x'} {lone}");
        Assert.That(_t.Single(), Is.EqualTo("True False é x \ufffd"));
    }

    [Test]
    public void Enums_print_names_numbers_and_flags_like_Enum_ToString()
    {
        Side buy = Side.Buy;
        var unknown = (Side)42;
        Channels both = Channels.Trades | Channels.Ticker;
        var partlyUnknown = (Channels)9;
        Signed minus = Signed.Minus;
        Wide top = Wide.Top;
        DayOfWeek friday = DayOfWeek.Friday;
        _t.Log.Info($"{buy} {unknown} {both} {partlyUnknown} {minus} {top} {friday} {buy:D} {friday:X} {minus:X}");
        string expected = string.Create(CultureInfo.InvariantCulture,
            $"{buy} {unknown} {both} {partlyUnknown} {minus} {top} {friday} {buy:D} {friday:X} {minus:X}");
        Assert.That(_t.Single(), Is.EqualTo(expected));
        Assert.That(expected, Is.EqualTo("Buy 42 Trades, Ticker 9 Minus Top Friday 1 00000005 FF"));
    }

    [Test]
    public void MonoTime_prints_as_utc_wall_time_with_microseconds()
    {
        // The pinned clock maps AnchorMono to 14:13:43; half a microsecond more keeps rounding off the digits.
        var at = new MonoTime(_t.AnchorMono + MonoClock.FromNanoseconds(1_234_567_500));
        var before = new MonoTime(_t.AnchorMono - MonoClock.FromNanoseconds(2_000_000_500));
        _t.Log.Info($"recv={at} earlier={before} day={at:yyyy-MM-dd}");
        Assert.That(_t.Single(), Is.EqualTo("recv=2026-11-21T14:13:44.234567Z earlier=2026-11-21T14:13:40.999999Z day=2026-11-21"));
    }

    [Test]
    public void DateTime_and_DateTimeOffset_print_iso_8601_with_microseconds()
    {
        DateTime utc = new DateTime(2026, 11, 21, 14, 13, 43, 123, DateTimeKind.Utc).AddTicks(4567);
        var unspecified = DateTime.SpecifyKind(utc, DateTimeKind.Unspecified);
        var plusOne = new DateTimeOffset(utc.AddHours(1).Ticks, TimeSpan.FromHours(1));
        var minusHalf = new DateTimeOffset(utc.Ticks, TimeSpan.FromMinutes(-330));
        var zero = new DateTimeOffset(utc);
        _t.Log.Info($"{utc} {unspecified} {plusOne} {minusHalf} {zero} {utc:HH:mm}");
        Assert.That(_t.Single(), Is.EqualTo(
            "2026-11-21T14:13:43.123456Z 2026-11-21T14:13:43.123456 2026-11-21T15:13:43.123456+01:00 " +
            "2026-11-21T14:13:43.123456-05:30 2026-11-21T14:13:43.123456Z 14:13"));
    }

    [Test]
    public void Utf8_spans_are_copied_byte_for_byte()
    {
        byte[] symbol = "BTCUSDT"u8.ToArray();
        ReadOnlySpan<byte> unit = "µs"u8;
        _t.Log.Info($"{symbol.AsSpan()} {unit} [{ReadOnlySpan<byte>.Empty}]");
        symbol[0] = (byte)'X';   // the record holds a copy
        Assert.That(_t.Single(), Is.EqualTo("BTCUSDT µs []"));
    }

    [Test]
    public void Strings_and_char_spans_are_copied_and_null_prints_nothing()
    {
        string accent = "héllo wörld ✓";
        string? none = null;
        char[] buffer = "abc".ToCharArray();
        _t.Log.Info($"{accent}|{none}|{""}|{buffer.AsSpan(1)}");
        buffer[1] = 'X';
        Assert.That(_t.Single(), Is.EqualTo("héllo wörld ✓|||bc"));
    }

    [Test]
    public void Fixed_point_prices_and_quantities_format_through_their_own_IUtf8SpanFormattable()
    {
        var price = new Price(10125, 2);
        var qty = new Quantity(-5, 3);
        _t.Log.Info($"px={price} qty={qty}");
        Assert.That(_t.Single(), Is.EqualTo($"px=101.25 qty={qty}"));
    }

    [Test]
    public void Any_unmanaged_IUtf8SpanFormattable_is_captured_by_value()
    {
        var basis = new Basis(12);
        decimal amount = 1.50m;
        var span = TimeSpan.FromMilliseconds(1500);
        var id = new Guid("0f8fad5b-d9cb-469f-a165-70867728950e");
        _t.Log.Info($"{basis} {amount} {span} {id} {span:c}");
        Assert.That(_t.Single(), Is.EqualTo("12bps 1.50 00:00:01.5000000 0f8fad5b-d9cb-469f-a165-70867728950e 00:00:01.5000000"));
    }

    [Test]
    public void Reference_types_are_formatted_on_the_caller()
    {
        var venue = new Venue("binance");
        var note = new Note("late");
        Note? missing = null;
        var version = new Version(1, 2, 3);
        _t.Log.Info($"{venue} {note} [{missing}] {version}");
        Assert.That(_t.Single(), Is.EqualTo("BINANCE note:late [] 1.2.3"));
    }

    [Test]
    public void Alignment_pads_like_string_interpolation()
    {
        int n = 42;
        string s = "ab";
        double d = 1.5;
        Side side = Side.Sell;
        _t.Log.Info($"[{n,5}][{n,-5}][{s,4}][{d,7:F2}][{side,-6}][{"é",3}]");
        Assert.That(_t.Single(), Is.EqualTo(string.Create(CultureInfo.InvariantCulture, $"[{n,5}][{n,-5}][{s,4}][{d,7:F2}][{side,-6}][{"é",3}]")));
    }

    [Test]
    public void Literal_only_messages_and_escaped_braces()
    {
        _t.Log.Info($"plain {{not a hole}}");
        Assert.That(_t.Single(), Is.EqualTo("plain {not a hole}"));
    }

    [Test]
    public void A_string_over_the_record_size_is_truncated_and_counted()
    {
        string big = new('x', 10_000);
        _t.Log.Info($"big {big} after {1}");
        string message = _t.Single();
        Assert.That(message, Does.StartWith("big xxxx"));
        Assert.That(message, Does.EndWith("x [truncated]"));
        Assert.That(message, Does.Not.Contain("after"));
        Assert.That(_t.System.Counters.Truncated, Is.EqualTo(1));
    }

    [Test]
    public void A_disabled_level_evaluates_no_hole()
    {
        using var t = new TestLog(TestLog.Options(level: Microsoft.Extensions.Logging.LogLevel.Information));
        int evaluated = 0;
        t.Log.Debug($"x {++evaluated}");
        t.Log.Info($"y {++evaluated}");
        Assert.That(evaluated, Is.EqualTo(1));
        Assert.That(t.Single(), Is.EqualTo("y 1"));
    }
}
