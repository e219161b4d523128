using System.Globalization;
using Appliance.Venue.Faults;
using Appliance.Venue.Market;
using Appliance.Venue.Replay;
using Appliance.Venue.Streams;

namespace Appliance.Venue;

/// <summary>Everything the venue is started with; <see cref="Parse"/> reads the command line (docs/venue.md lists the flags).</summary>
public sealed class VenueOptions
{
    /// <summary>Where Kestrel listens; port 0 picks a free one (<see cref="VenueHost.Port"/> tells which).</summary>
    public string Urls { get; set; } = "http://127.0.0.1:9100";

    public IReadOnlyList<VenueInstrument> Instruments { get; set; } = DefaultMarket.All;

    /// <summary>Fixes the whole market: the same seed (and <see cref="StartTimeMs"/>) gives the same messages.</summary>
    public ulong Seed { get; set; } = 1;

    /// <summary>Market steps per second over all instruments; each step is one book update (one depthUpdate). 0: as fast as possible.</summary>
    public long Rate { get; set; } = 5_000;

    /// <summary>Price levels per side the book keeps; levels pushed beyond it are deleted with a 0-quantity diff.</summary>
    public int DepthLevels { get; set; } = 1000;

    public DepthPace DepthPace { get; set; } = DepthPace.Realtime;

    /// <summary>Decimals written for prices and quantities (Binance pads to 8); never fewer than the instrument's scale.</summary>
    public int Decimals { get; set; } = 8;

    /// <summary>Market time of step 0, Unix ms; null: the wall clock at start. Fix it for byte-identical runs.</summary>
    public long? StartTimeMs { get; set; }

    /// <summary>Start with the generator paused (resume or step it through the control endpoint).</summary>
    public bool StartPaused { get; set; }

    public SlowConsumerPolicy SlowConsumer { get; set; } = SlowConsumerPolicy.Drop;

    /// <summary>Payload bytes the shared message log holds (a power of two, MiB).</summary>
    public int BufferMegabytes { get; set; } = 32;

    /// <summary>Messages the shared log holds (a power of two).</summary>
    public int BufferEntries { get; set; } = 1 << 18;

    /// <summary>Server pings on market-data connections (Binance: every 20 s); zero turns them off.</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Drop policy: a market-data write blocked this long (the client stopped reading) closes the connection as a slow consumer.</summary>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Faults applied to every market-data connection after it opens (<c>--fault</c>).</summary>
    public List<FaultSpec> Faults { get; } = [];

    /// <summary>Serve a raw journal instead of the random market (<c>--replay</c>).</summary>
    public ReplayOptions? Replay { get; set; }

    /// <summary>Order entry: the key <c>public/login</c> accepts; null accepts any.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Order entry: requests per second per connection (token bucket, burst of the same size); 0 = unlimited.</summary>
    public int OrderRate { get; set; } = 50;

    /// <summary>Fees in basis points of notional, charged per fill.</summary>
    public int MakerFeeBps { get; set; }

    public int TakerFeeBps { get; set; } = 1;

    /// <summary>ASP.NET Core and venue log lines on the console (off in tests).</summary>
    public bool Log { get; set; } = true;

    public const string Usage = """
        usage: Appliance.Venue [--urls http://127.0.0.1:9100] [--instruments BTCUSDT,ETHUSDT,SYM:ps:qs:tick:lot:start[:qty]]
                               [--seed N] [--rate STEPS_PER_S] [--depth-levels N] [--depth-pace realtime|interval]
                               [--decimals N] [--start-time UNIX_MS] [--start-paused] [--slow-consumer drop|block]
                               [--buffer-mb N] [--buffer-entries N] [--ping-interval SECONDS] [--write-timeout SECONDS]
                               [--fault kind=K[,key=value...]]... [--replay PATH [--replay-pace max|realtime|xN]
                               [--replay-connection all|N]] [--api-key KEY] [--order-rate N]
                               [--maker-fee-bps N] [--taker-fee-bps N] [--quiet]
        docs/venue.md describes every flag, endpoint and fault.
        """;

    /// <summary>Reads the command line; throws <see cref="FormatException"/> naming the bad flag.</summary>
    public static VenueOptions Parse(IReadOnlyList<string> args)
    {
        var o = new VenueOptions();
        ReplayOptions? replay = null;
        for (int i = 0; i < args.Count; i++)
        {
            string flag = args[i];
            string? inline = null;
            int eq = flag.IndexOf('=');
            if (flag.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                inline = flag[(eq + 1)..];
                flag = flag[..eq];
            }
            string Value()
            {
                if (inline is not null) return inline;
                if (i + 1 >= args.Count) throw new FormatException($"{flag} needs a value");
                return args[++i];
            }
            switch (flag)
            {
                case "--urls": o.Urls = Value(); break;
                case "--instruments": o.Instruments = ParseInstruments(Value()); break;
                case "--seed": o.Seed = (ulong)ParseLong(flag, Value(), 0, long.MaxValue); break;
                case "--rate": o.Rate = ParseLong(flag, Value(), 0, 100_000_000); break;
                case "--depth-levels": o.DepthLevels = (int)ParseLong(flag, Value(), 1, 100_000); break;
                case "--depth-pace": o.DepthPace = ParseEnum<DepthPace>(flag, Value()); break;
                case "--decimals": o.Decimals = (int)ParseLong(flag, Value(), 0, 18); break;
                case "--start-time": o.StartTimeMs = ParseLong(flag, Value(), 0, 4_102_444_800_000); break;
                case "--start-paused": o.StartPaused = true; break;
                case "--slow-consumer": o.SlowConsumer = ParseEnum<SlowConsumerPolicy>(flag, Value()); break;
                case "--buffer-mb": o.BufferMegabytes = (int)ParsePow2(flag, Value(), 1, 1024); break;
                case "--buffer-entries": o.BufferEntries = (int)ParsePow2(flag, Value(), 1024, 1 << 26); break;
                case "--ping-interval": o.PingInterval = TimeSpan.FromSeconds(ParseDouble(flag, Value(), 0, 86_400)); break;
                case "--write-timeout": o.WriteTimeout = TimeSpan.FromSeconds(ParseDouble(flag, Value(), 0.01, 86_400)); break;
                case "--fault": o.Faults.Add(FaultSpec.ParseFlag(Value())); break;
                case "--replay": replay = (replay ?? new ReplayOptions()) with { Path = Value() }; break;
                case "--replay-pace": replay = (replay ?? new ReplayOptions()) with { Pace = ReplayPace.Parse(Value()) }; break;
                case "--replay-connection":
                    string c = Value();
                    replay = (replay ?? new ReplayOptions()) with { Connection = c == "all" ? null : (ushort)ParseLong(flag, c, 0, ushort.MaxValue) };
                    break;
                case "--api-key": o.ApiKey = Value(); break;
                case "--order-rate": o.OrderRate = (int)ParseLong(flag, Value(), 0, 1_000_000); break;
                case "--maker-fee-bps": o.MakerFeeBps = (int)ParseLong(flag, Value(), -100, 1000); break;
                case "--taker-fee-bps": o.TakerFeeBps = (int)ParseLong(flag, Value(), -100, 1000); break;
                case "--quiet": o.Log = false; break;
                default: throw new FormatException($"unknown flag '{args[i]}'");
            }
        }
        if (replay is not null)
        {
            if (string.IsNullOrEmpty(replay.Path)) throw new FormatException("--replay-pace/--replay-connection need --replay PATH");
            o.Replay = replay;
        }
        return o;
    }

    private static IReadOnlyList<VenueInstrument> ParseInstruments(string value)
    {
        var list = new List<VenueInstrument>();
        foreach (string part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            VenueInstrument instrument = part.Contains(':')
                ? VenueInstrument.Parse(part)
                : DefaultMarket.Find(part) ?? throw new FormatException(
                    $"--instruments: '{part}' is not a default instrument ({string.Join(", ", DefaultMarket.All.Select(i => i.Symbol))}); define it as SYM:priceScale:quantityScale:tick:lot:startPrice");
            if (list.Any(i => string.Equals(i.Symbol, instrument.Symbol, StringComparison.OrdinalIgnoreCase)))
                throw new FormatException($"--instruments: '{instrument.Symbol}' is listed twice");
            list.Add(instrument);
        }
        if (list.Count == 0) throw new FormatException("--instruments: no instrument given");
        return list;
    }

    internal static long ParseLong(string flag, string text, long min, long max)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) || v < min || v > max)
            throw new FormatException($"{flag} '{text}': expected an integer in [{min}, {max}]");
        return v;
    }

    internal static double ParseDouble(string flag, string text, double min, double max)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || v < min || v > max)
            throw new FormatException($"{flag} '{text}': expected a number in [{min}, {max}]");
        return v;
    }

    private static long ParsePow2(string flag, string text, long min, long max)
    {
        long v = ParseLong(flag, text, min, max);
        if (!long.IsPow2(v)) throw new FormatException($"{flag} '{text}': must be a power of two");
        return v;
    }

    private static T ParseEnum<T>(string flag, string text) where T : struct, Enum
    {
        foreach (T value in Enum.GetValues<T>())
            if (string.Equals(value.ToString(), text, StringComparison.OrdinalIgnoreCase)) return value;
        throw new FormatException($"{flag} '{text}': expected one of {string.Join('|', Enum.GetNames<T>()).ToLowerInvariant()}");
    }
}
