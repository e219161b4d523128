using System.Text;
using Appliance.Hosting.Config;
using Microsoft.Extensions.Logging;

namespace Appliance.Hosting.Tests.Config;

public class ConfigLoaderTests
{
    private static LoadedConfig Parse(string json) => ConfigLoader.Parse(Encoding.UTF8.GetBytes(json), "test.json");

    private static string[] Paths(LoadedConfig c) => c.Errors.Select(e => e.Path).ToArray();

    [Test]
    public void An_empty_object_is_a_valid_config_with_every_default()
    {
        var c = Parse("{}");
        Assert.That(c.Errors, Is.Empty);
        var cfg = c.Require();
        Assert.That(cfg.Admin.SocketPath, Is.EqualTo("/run/appliance/admin.sock"));
        Assert.That(cfg.Shutdown.OnStop, Is.EqualTo(StopAction.Flatten));
        Assert.That(cfg.Systemd.Ready, Is.EqualTo(ReadyPolicy.Events));
        Assert.That(cfg.Session, Is.Null);
    }

    [Test]
    public void Comments_and_trailing_commas_are_accepted()
    {
        var c = Parse("""
            {
              // the admin socket
              "admin": { "maxClients": 4, },
            }
            """);
        Assert.That(c.Errors, Is.Empty);
        Assert.That(c.Require().Admin.MaxClients, Is.EqualTo(4));
    }

    [Test]
    public void Enums_are_camel_case_strings_read_in_any_case_and_numbers_are_refused()
    {
        var ok = Parse("""{ "logging": { "level": "warning", "stdout": "Journald" }, "shutdown": { "onStop": "cancel" } }""");
        Assert.That(ok.Errors, Is.Empty);
        Assert.That(ok.Require().Logging.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(ok.Require().Logging.Stdout, Is.EqualTo(StdoutMode.Journald));

        var bad = Parse("""{ "logging": { "level": 3 } }""");
        Assert.That(bad.Errors.Single().ToString(), Does.StartWith("$.logging.level: expected one of \"trace\", \"debug\", \"information\""));
    }

    [Test]
    public void A_config_with_several_mistakes_reports_all_of_them_with_their_paths()
    {
        var c = Parse("""
            {
              "admin": { "socketPth": "/run/x.sock", "maxClients": "many", "socketMode": "0999" },
              "threads": { "strategy": { "cpus": "3-1", "fifoPriority": 120 }, "feedFifoPriority": 10, "spin": "fast" },
              "session": { "timeZone": "Mars/Olympus", "open": "9am", "days": ["Mon", "Funday"] },
              "shutdown": { "stopTimeoutSeconds": 0 },
              "shutdown": { "stopTimeoutSeconds": 1 },
              "logging": { "file": { "format": "text" } },
              "colour": "blue"
            }
            """);
        Assert.That(c.IsValid, Is.False);
        // Shape mistakes (unknown, mistyped, duplicate, missing keys) and value mistakes, in one run, by path.
        Assert.That(Paths(c), Is.EqualTo(new[]
        {
            "$.admin.maxClients", "$.admin.socketMode", "$.admin.socketPth", "$.colour", "$.logging.file.path",
            "$.session.close", "$.session.days[1]", "$.session.open", "$.session.timeZone", "$.shutdown",
            "$.threads.spin", "$.threads.strategy.cpus", "$.threads.strategy.fifoPriority",
        }));
        string Message(string path) => c.Errors.First(e => e.Path == path).Message;
        Assert.That(Message("$.admin.socketPth"), Does.Contain("did you mean 'socketPath'"));
        Assert.That(Message("$.admin.maxClients"), Is.EqualTo("expected an integer, found \"many\""));
        Assert.That(Message("$.threads.spin"), Is.EqualTo("expected one of \"busy\", \"yield\", \"backoff\", found \"fast\""));
        Assert.That(Message("$.logging.file.path"), Is.EqualTo("is required"));
        Assert.That(Message("$.session.close"), Does.StartWith("is required"));
        Assert.That(Message("$.shutdown"), Is.EqualTo("appears more than once"));
        Assert.That(Message("$.colour"), Does.Contain("known here: $schema, admin, feeds, instruments, journal, logging"));
    }

    [Test]
    public void Value_errors_in_every_section_are_reported_together()
    {
        var c = Parse("""
            {
              "admin": { "maxClients": 0, "socketMode": "0999", "socketPath": "relative.sock" },
              "threads": { "strategy": { "cpus": "3-1", "fifoPriority": 120 }, "housekeepingCpus": "x" },
              "session": { "timeZone": "Mars/Olympus", "open": "9am", "close": "15:30", "days": ["Mon", "Funday", "mon"] },
              "shutdown": { "stopTimeoutSeconds": 0 },
              "metrics": { "textfilePath": "/var/lib/node/appliance.txt" },
              "logging": { "file": { "path": "x.log", "maxFileBytes": 10 } },
              "systemd": { "statusIntervalSeconds": -1 }
            }
            """);
        Assert.That(Paths(c), Is.EquivalentTo(new[]
        {
            "$.logging.file.maxFileBytes",
            "$.admin.socketPath", "$.admin.socketMode", "$.admin.maxClients",
            "$.threads.strategy.fifoPriority", "$.threads.strategy.cpus", "$.threads.housekeepingCpus",
            "$.session.timeZone", "$.session.days[1]", "$.session.days[2]", "$.session.open",
            "$.shutdown.stopTimeoutSeconds", "$.metrics.textfilePath", "$.systemd.statusIntervalSeconds",
        }));
        Assert.That(c.Errors.First(e => e.Path == "$.threads.strategy.cpus").Message, Does.Contain("\"3-1\""));
        Assert.That(c.Errors.First(e => e.Path == "$.session.timeZone").Message, Does.Contain("Mars/Olympus"));
    }

    [Test]
    public void Invalid_json_names_line_and_byte()
    {
        var c = Parse("{\n  \"admin\": { \"maxClients\": 4 \n}");
        Assert.That(c.Errors.Single().Path, Is.EqualTo("$"));
        Assert.That(c.Errors.Single().Message, Does.StartWith("not valid JSON at line 3"));
    }

    [Test]
    public void Null_for_a_section_means_its_defaults_but_null_for_a_value_is_an_error()
    {
        var c = Parse("""{ "admin": null, "session": null, "shutdown": { "onStop": null } }""");
        Assert.That(c.Errors.Select(e => e.ToString()), Is.EqualTo(new[] { "$.shutdown.onStop: must not be null" }));
        var ok = Parse("""{ "admin": null, "session": null }""");
        Assert.That(ok.Require().Admin.MaxClients, Is.EqualTo(16));
    }

    [Test]
    public void A_session_across_midnight_is_valid_and_flatten_must_fit_inside_it()
    {
        var ok = Parse("""{ "session": { "timeZone": "Asia/Kolkata", "open": "22:00", "close": "02:00", "flattenBeforeCloseSeconds": 600 } }""");
        Assert.That(ok.Errors, Is.Empty);
        var bad = Parse("""{ "session": { "timeZone": "UTC", "open": "09:00", "close": "09:30", "flattenBeforeCloseSeconds": 1800 } }""");
        Assert.That(bad.Errors.Single().Path, Is.EqualTo("$.session.flattenBeforeCloseSeconds"));
    }

    private const string MarketData = """
          "instruments": [ { "symbol": "BTC-USDT", "venueSymbol": "BTCUSDT", "priceScale": 2, "quantityScale": 5, "tickSize": "0.01", "lotSize": "0.00001" } ],
          "feeds": [ { "name": "binance-a", "url": "ws://127.0.0.1:9100/stream", "snapshotUrl": "http://127.0.0.1:9100/api/v3/depth",
                       "streams": [ "btcusdt@trade", "btcusdt@depth@100ms" ], "cpu": 1 } ],
        """;

    [Test]
    public void Busy_spinning_threads_sharing_a_cpu_is_a_warning_not_an_error()
    {
        var c = Parse($$"""{ {{MarketData}} "threads": { "strategy": { "cpus": "1" } } }""");
        Assert.That(c.Errors, Is.Empty);
        Assert.That(c.Warnings.Select(w => w.ToString()), Has.Some.StartsWith("$.threads.strategy.cpus: shares CPU 1 with $.feeds[0].cpu"));
    }

    [Test]
    public void Market_data_sections_are_bound_and_their_errors_come_with_the_others()
    {
        var ok = Parse($$"""{ {{MarketData}} }""");
        Assert.That(ok.Errors, Is.Empty);
        Assert.That(ok.Require().Feeds.Single().Name, Is.EqualTo("binance-a"));
        Assert.That(ok.Require().Instruments.Single().VenueSymbol, Is.EqualTo("BTCUSDT"));

        var bad = Parse("""
            {
              "instruments": [ { "symbol": "BTC-USDT", "venueSymbol": "BTCUSDT", "priceScale": 2, "quantityScale": 5, "tickSize": "0.001", "lotSize": "0.00001" } ],
              "feeds": [ { "name": "a", "url": "http://x", "streams": [ "ethusdt@trade" ], "staleAfterMs": "soon" } ],
              "ring": { "capacity": 1000 },
              "admin": { "maxClients": 0 }
            }
            """);
        string[] paths = bad.Errors.Select(e => e.Path).ToArray();
        Assert.That(paths, Does.Contain("$.feeds[0].staleAfterMs"), "a type error in a feed");
        Assert.That(paths, Does.Contain("$.instruments[0].tickSize"));
        Assert.That(paths, Does.Contain("$.ring.capacity"));
        Assert.That(paths, Does.Contain("$.admin.maxClients"));
    }

    [Test]
    public void A_socket_path_longer_than_sun_path_is_refused()
    {
        var c = Parse($$"""{ "admin": { "socketPath": "/run/{{new string('a', 120)}}.sock" } }""");
        Assert.That(c.Errors.Single().Message, Does.Contain("at most 107"));
    }

    [Test]
    public void Trading_sections_are_validated_with_the_rest_and_ignored_without_a_trading_section()
    {
        var bad = Parse($$"""
            { {{MarketData}}
              "trading": { "gateway": "paper", "orderPoolSize": 0 },
              "strategy": { "instruments": [ "DOGE-USDT" ] },
              "risk": { "capitl": 1 },
              "admin": { "maxClients": 0 } }
            """);
        string[] paths = bad.Errors.Select(e => e.Path).ToArray();
        Assert.That(paths, Does.Contain("$.trading.orderPoolSize").And.Contain("$.admin.maxClients").And.Contain("$.risk.capitl"));
        Assert.That(paths.Any(p => p.StartsWith("$.strategy.instruments", StringComparison.Ordinal)), Is.True, string.Join("; ", bad.Errors));

        var ok = Parse($$"""{ {{MarketData}} "trading": { "gateway": "Paper" }, "strategy": { "instruments": [ "BTC-USDT" ] } }""");
        Assert.That(ok.Errors, Is.Empty);
        Assert.That(ok.Require().Trading!.Gateway, Is.EqualTo(Appliance.Trading.Config.GatewayKind.Paper));
        Assert.That(ok.Require().Strategy.Instruments, Is.EqualTo(new[] { "BTC-USDT" }));

        var ignored = Parse($$"""{ {{MarketData}} "strategy": { "instruments": [ "BTC-USDT" ] } }""");
        Assert.That(ignored.Errors, Is.Empty);
        Assert.That(ignored.Warnings.Select(w => w.Path), Does.Contain("$.strategy"));
    }

    [Test]
    public void Computed_members_are_not_keys()
    {
        var c = Parse("""{ "marketData": {}, "ring": { "overloadPolicy": "halt" } }""");
        Assert.That(c.Errors.Select(e => e.Path), Is.EqualTo(new[] { "$.marketData", "$.ring.overloadPolicy" }));
        Assert.That(c.Errors.All(e => e.Message.StartsWith("unknown key")), Is.True);
    }

    [Test]
    public void Missing_file_is_one_error_naming_it()
    {
        var c = ConfigLoader.Load("/nonexistent/appliance.json");
        Assert.That(c.Errors.Single().Message, Does.Contain("/nonexistent/appliance.json").And.Contain("does not exist"));
    }
}
