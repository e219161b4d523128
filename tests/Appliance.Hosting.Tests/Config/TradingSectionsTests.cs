using System.Text;
using Appliance.Hosting.Config;
using Appliance.Hosting.Secrets;
using Appliance.Hosting.Tests.Support;
using Appliance.Trading.Config;

namespace Appliance.Hosting.Tests.Config;

/// <summary>The Trading room's sections (trading, risk, strategy) in the root config: bound, validated with the rest, the venue key.</summary>
public class TradingSectionsTests
{
    private const UnixFileMode Owner = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const string Instruments = """
        "instruments": [
          { "symbol": "BTC-USDT", "venueSymbol": "BTCUSDT", "priceScale": 2, "quantityScale": 5, "tickSize": "0.01", "lotSize": "0.00001" },
          { "symbol": "ETH-USDT", "venueSymbol": "ETHUSDT", "priceScale": 2, "quantityScale": 4, "tickSize": "0.01", "lotSize": "0.0001" }
        ],
        """;

    private static LoadedConfig Parse(string json, string? credentials = null, bool readSecrets = true) =>
        ConfigLoader.Parse(Encoding.UTF8.GetBytes(json), "test.json", credentials, readSecrets);

    [Test]
    public void Without_a_trading_section_the_daemon_runs_no_engine()
    {
        ApplianceConfig c = Parse($$"""{ {{Instruments}} "admin": {} }""").Require();
        Assert.That(c.Trading, Is.Null);
        Assert.That(c.TradingEnabled, Is.False);
        Assert.That(Parse($$"""{ {{Instruments}} "trading": { "enabled": false }, "strategy": { "instruments": ["BTC-USDT"] } }""").Require().TradingEnabled, Is.False);
    }

    [Test]
    public void The_three_sections_bind_with_their_defaults_and_enums_in_any_case()
    {
        var loaded = Parse($$"""
            { {{Instruments}}
              "trading": { "gateway": "Paper", "decisionLog": { "directory": "/tmp/d", "eventDigest": true } },
              "risk": { "capital": 50000, "feedGate": "flatten", "instruments": { "BTC-USDT": { "maxPositionLots": 200 } } },
              "strategy": { "instruments": ["BTC-USDT"], "indicators": { "emaFast": 5, "bar": { "kind": "tick", "size": 20 } },
                            "session": { "timeZone": "UTC", "start": "00:00", "end": "23:55", "days": ["monday", "Tuesday"] } }
            }
            """);
        Assert.That(loaded.Errors, Is.Empty);
        ApplianceConfig c = loaded.Require();
        Assert.That(c.TradingEnabled, Is.True);
        Assert.That(c.Trading!.Gateway, Is.EqualTo(GatewayKind.Paper));
        Assert.That(c.Trading.OrderPoolSize, Is.EqualTo(1024), "a key left out keeps its default");
        Assert.That(c.Trading.DecisionLog.EventDigest, Is.True);
        Assert.That(c.Risk!.Capital, Is.EqualTo(50_000m));
        Assert.That(c.Risk.FeedGate, Is.EqualTo(FeedGateAction.Flatten));
        Assert.That(c.Risk.Instruments["BTC-USDT"].MaxPositionLots, Is.EqualTo(200));
        Assert.That(c.Risk.MaxOpenOrders, Is.EqualTo(20));
        Assert.That(c.Strategy!.Indicators.EmaFast, Is.EqualTo(5));
        Assert.That(c.Strategy.Indicators.EmaSlow, Is.EqualTo(21));
        Assert.That(c.Strategy.Indicators.Bar.Kind, Is.EqualTo(BarKindConfig.Tick));
        Assert.That(c.Strategy.Session!.Days, Is.EqualTo(new[] { "monday", "Tuesday" }));
        Assert.That(ConfigSummary.Describe(loaded), Does.Contain("trading ema-crossover on BTC-USDT via paper"));
    }

    [Test]
    public void Trading_mistakes_are_listed_with_every_other_mistake_each_with_its_path()
    {
        var c = Parse($$"""
            { {{Instruments}}
              "admin": { "maxClients": 0 },
              "trading": { "gateway": "carrier-pigeon", "venu": {}, "orderPoolSize": 0 },
              "risk": { "priceBandPct": 0.00001, "maxOrderLots": "lots", "instruments": { "DOGE-USDT": {} } },
              "strategy": { "instruments": ["BTC-USDT", "XRP-USDT"], "indicators": { "emaFast": 30, "emaSlow": 20 }, "exits": { "priceSource": "vibes" } }
            }
            """);
        Assert.That(c.IsValid, Is.False);
        Assert.That(c.Errors.Select(e => e.Path), Is.EqualTo(new[]
        {
            "$.admin.maxClients",
            "$.risk.instruments.DOGE-USDT", "$.risk.maxOrderLots", "$.risk.priceBandPct",
            "$.strategy.exits.priceSource", "$.strategy.indicators.emaFast", "$.strategy.instruments[1]",
            "$.trading.gateway", "$.trading.orderPoolSize", "$.trading.venu",
        }));
        string Message(string path) => c.Errors.First(e => e.Path == path).Message;
        Assert.That(Message("$.trading.gateway"), Is.EqualTo("expected one of \"paper\", \"venue\", found \"carrier-pigeon\""));
        Assert.That(Message("$.trading.venu"), Does.Contain("did you mean 'venue'"));
        Assert.That(Message("$.risk.priceBandPct"), Does.Contain("at most 4 decimals"));
        Assert.That(Message("$.strategy.instruments[1]"), Does.Contain("'XRP-USDT' is not a configured instrument"));
        Assert.That(Message("$.strategy.indicators.emaFast"), Does.Contain("shorter than emaSlow"));
    }

    [Test]
    public void Risk_or_strategy_without_a_trading_section_is_a_warning_and_trading_needs_instruments()
    {
        var c = Parse($$"""{ {{Instruments}} "strategy": { "instruments": ["BTC-USDT"] } }""");
        Assert.That(c.Errors, Is.Empty);
        Assert.That(c.Warnings.Single(w => w.Path == "$.strategy").Message, Does.StartWith("is ignored: there is no trading section"));
        Assert.That(Parse($$"""{ {{Instruments}} "trading": {} }""").Errors.Single().Path, Is.EqualTo("$.strategy.instruments"), "trading needs a strategy");
    }

    [Test]
    public void The_venue_key_from_a_systemd_credential_wins_over_the_key_file_and_never_prints()
    {
        using var dir = new TempDir();
        string credentials = Path.Combine(dir.Path, "credentials");
        Directory.CreateDirectory(credentials);
        File.WriteAllText(Path.Combine(credentials, SecretsLoader.VenueApiKey), "cred-KEY-123\n");
        string keyFile = dir.File("venue.key", "file-KEY-456\n", Owner);
        string venue = $$"""
            { {{Instruments}}
              "trading": { "gateway": "venue", "venue": { "url": "ws://127.0.0.1:9100/trade", "apiKeyFile": "{{keyFile}}" } },
              "strategy": { "instruments": ["BTC-USDT"] }
            }
            """;
        var both = Parse(venue, credentials);
        Assert.That(both.Errors, Is.Empty);
        Assert.That(both.Secrets.TryGet(SecretsLoader.VenueApiKey, out Secret s1), Is.True);
        Assert.That((s1.Reveal(), s1.Source, $"{s1}"), Is.EqualTo(("cred-KEY-123", SecretsLoader.CredentialSource, "[redacted]")));
        var fileOnly = Parse(venue);
        Assert.That(fileOnly.Secrets.TryGet(SecretsLoader.VenueApiKey, out Secret s2) ? s2.Reveal() : null, Is.EqualTo("file-KEY-456"));
        Assert.That(Parse(venue, readSecrets: false).Errors, Is.Empty, "check-config --skip-secrets");
    }
}
