using System.Text;
using Appliance.Hosting.Config;
using Appliance.Hosting.Secrets;
using Appliance.Hosting.Tests.Support;

namespace Appliance.Hosting.Tests.Secrets;

public class SecretsLoaderTests
{
    private const UnixFileMode Owner = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static LoadedConfig Load(TempDir dir, string secretsFile, string? credentials = null) =>
        ConfigLoader.Parse(Encoding.UTF8.GetBytes($$"""{ "secretsFile": "{{secretsFile}}" }"""), "test.json", credentials);

    [Test]
    public void A_0600_secrets_file_is_read_and_its_values_never_print()
    {
        using var dir = new TempDir();
        string file = dir.File("secrets.json", """{ "venue.apiKey": "AKIA-very-secret" }""", Owner);
        var c = Load(dir, file);
        Assert.That(c.Errors, Is.Empty);
        Assert.That(c.Secrets.TryGet("venue.apiKey", out Secret s), Is.True);
        Assert.That(s.Reveal(), Is.EqualTo("AKIA-very-secret"));
        Assert.That($"{s}", Is.EqualTo("[redacted]"));
        Assert.That(c.Secrets.Describe().Single(), Is.EqualTo(("venue.apiKey", SecretsLoader.FileSource)));
    }

    [Test]
    public void A_secrets_file_others_can_read_is_refused_without_echoing_its_content()
    {
        using var dir = new TempDir();
        string file = dir.File("secrets.json", """{ "venue.apiKey": "AKIA-very-secret" }""", Owner | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var c = Load(dir, file);
        Assert.That(c.IsValid, Is.False);
        var e = c.Errors.Single();
        Assert.That(e.Path, Is.EqualTo("$.secretsFile"));
        Assert.That(e.Message, Does.Contain("mode 0644").And.Contain("chmod 600"));
        Assert.That(e.Message, Does.Not.Contain("AKIA"));
    }

    [Test]
    public void A_malformed_secrets_file_gives_a_position_but_not_the_text()
    {
        using var dir = new TempDir();
        string file = dir.File("secrets.json", """{ "venue.apiKey": AKIA-very-secret }""", Owner);
        var c = Load(dir, file);
        Assert.That(c.Errors.Single().Message, Does.Contain("line 1").And.Not.Contain("AKIA"));
    }

    [Test]
    public void Systemd_credentials_are_read_and_override_the_file()
    {
        using var dir = new TempDir();
        string file = dir.File("secrets.json", """{ "venue.apiKey": "from-file", "venue.other": "x" }""", Owner);
        string creds = Directory.CreateDirectory(Path.Combine(dir.Path, "creds")).FullName;
        File.WriteAllText(Path.Combine(creds, "venue.apiKey"), "from-credential\n");
        var c = Load(dir, file, creds);
        Assert.That(c.Errors, Is.Empty);
        Assert.That(c.Secrets.TryGet("venue.apiKey", out Secret s) ? s.Reveal() : null, Is.EqualTo("from-credential"));
        Assert.That(s.Source, Is.EqualTo(SecretsLoader.CredentialSource));
        Assert.That(c.Secrets.Count, Is.EqualTo(2));
    }

    [Test]
    public void The_venue_api_key_file_must_be_private_and_becomes_a_secret()
    {
        using var dir = new TempDir();
        string key = dir.File("venue.key", "K3Y-VALUE\n", Owner);
        string Config(string path) => $$"""
            {
              "instruments": [ { "symbol": "BTC-USDT", "venueSymbol": "BTCUSDT", "priceScale": 2, "quantityScale": 5, "tickSize": "0.01", "lotSize": "0.00001" } ],
              "trading": { "gateway": "venue", "venue": { "url": "ws://127.0.0.1:1/trade", "apiKeyFile": "{{path}}" } },
              "strategy": { "instruments": [ "BTC-USDT" ] }
            }
            """;
        var ok = ConfigLoader.Parse(Encoding.UTF8.GetBytes(Config(key)), "test.json");
        Assert.That(ok.Errors, Is.Empty);
        Assert.That(ok.Secrets.TryGet(SecretsLoader.VenueApiKey, out Secret s) ? s.Reveal() : null, Is.EqualTo("K3Y-VALUE"));
        Assert.That(s.Source, Is.EqualTo(SecretsLoader.KeyFileSource));

        File.SetUnixFileMode(key, Owner | UnixFileMode.OtherRead);
        var open = ConfigLoader.Parse(Encoding.UTF8.GetBytes(Config(key)), "test.json");
        Assert.That(open.Errors.Single().Path, Is.EqualTo("$.trading.venue.apiKeyFile"));
        Assert.That(open.Errors.Single().Message, Does.Not.Contain("K3Y"));
    }

    [Test]
    public void A_missing_secrets_file_is_an_error()
    {
        using var dir = new TempDir();
        var c = Load(dir, Path.Combine(dir.Path, "nope.json"));
        Assert.That(c.Errors.Single().Message, Does.Contain("does not exist"));
    }
}
