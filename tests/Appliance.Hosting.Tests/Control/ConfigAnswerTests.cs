using System.Text.Json.Nodes;
using Appliance.Hosting.Control;

namespace Appliance.Hosting.Tests.Control;

public class ConfigAnswerTests
{
    [Test]
    public void Values_under_secret_keys_are_redacted_but_paths_to_secret_files_are_not()
    {
        var node = JsonNode.Parse("""
            { "venue": { "apiKey": "AKIA", "apiKeyFile": "/etc/appliance/key", "password": "p", "url": "wss://x" },
              "secretsFile": "/etc/appliance/secrets.json", "list": [ { "token": "t" } ], "count": 3 }
            """)!;
        string text = ConfigAnswer.Redact(node).ToJsonString();
        Assert.That(text, Does.Not.Contain("AKIA").And.Not.Contain("\"p\"").And.Not.Contain("\"t\""));
        Assert.That(text, Does.Contain("/etc/appliance/key").And.Contain("/etc/appliance/secrets.json").And.Contain("wss://x"));
        Assert.That(node["venue"]!["apiKey"]!.GetValue<string>(), Is.EqualTo(ConfigAnswer.Redacted));
    }
}
