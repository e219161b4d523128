using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Appliance.Hosting.Config;
using Appliance.Hosting.Tests.Support;

namespace Appliance.Hosting.Tests.Config;

/// <summary>docs/appliance.schema.json describes what the loader reads: same keys everywhere, and the shipped configs validate.</summary>
public class SchemaTests
{
    private static readonly string SchemaPath = Path.Combine(Repo.Root, "docs", "appliance.schema.json");

    [Test]
    public void Every_object_in_the_schema_has_exactly_the_keys_the_loader_binds()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(SchemaPath));
        var mismatches = new List<string>();
        Compare(typeof(ApplianceConfig), schema.RootElement, "$", mismatches, schema.RootElement);
        Assert.That(mismatches, Is.Empty);
    }

    private static void Compare(Type type, JsonElement schema, string path, List<string> mismatches, JsonElement root)
    {
        schema = Resolve(schema, root);
        JsonTypeInfo info = HostingJsonContext.Default.GetTypeInfo(type)!;
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                var bound = info.Properties.Where(JsonShapeChecker.IsBound).ToArray();
                var keys = bound.Select(p => p.Name).Order().ToArray();
                if (!schema.TryGetProperty("properties", out JsonElement props))
                {
                    mismatches.Add($"{path}: the schema has no properties");
                    return;
                }
                var schemaKeys = props.EnumerateObject().Select(p => p.Name).Order().ToArray();
                if (!keys.SequenceEqual(schemaKeys))
                    mismatches.Add($"{path}: loader [{string.Join(", ", keys)}] schema [{string.Join(", ", schemaKeys)}]");
                foreach (JsonPropertyInfo p in bound)
                    if (props.TryGetProperty(p.Name, out JsonElement child)) Compare(p.PropertyType, child, $"{path}.{p.Name}", mismatches, root);
                break;
            case JsonTypeInfoKind.Enumerable when schema.TryGetProperty("items", out JsonElement items):
                Compare(info.ElementType!, items, $"{path}[]", mismatches, root);
                break;
            case JsonTypeInfoKind.Dictionary when schema.TryGetProperty("additionalProperties", out JsonElement values) && values.ValueKind == JsonValueKind.Object:
                Compare(info.ElementType!, values, $"{path}{{}}", mismatches, root);
                break;
        }
    }

    /// <summary>A shared definition (<c>{"$ref": "#/$defs/strategy"}</c>, possibly as the non-null branch of a oneOf) is compared where it is used.</summary>
    private static JsonElement Resolve(JsonElement schema, JsonElement root)
    {
        if (schema.TryGetProperty("oneOf", out JsonElement branches))
            foreach (JsonElement b in branches.EnumerateArray())
                if (b.TryGetProperty("$ref", out _) || b.TryGetProperty("properties", out _)) return Resolve(b, root);
        if (schema.TryGetProperty("$ref", out JsonElement r) && r.GetString() is { } reference && reference.StartsWith("#/$defs/", StringComparison.Ordinal))
            return root.GetProperty("$defs").GetProperty(reference["#/$defs/".Length..]);
        return schema;
    }

    [TestCase("config/demo.json")]
    [TestCase("config/production.example.json")]
    public void The_shipped_configs_validate_against_the_schema(string config)
    {
        // Debian's python3-jsonschema (scripts/bootstrap.sh); the daemon's // comments are stripped first.
        const string script = """
import json, re, sys, jsonschema
schema = json.load(open(sys.argv[1]))
text = "\n".join(l for l in open(sys.argv[2]).read().split("\n") if not l.lstrip().startswith("//"))
jsonschema.validate(json.loads(text), schema, cls=jsonschema.Draft202012Validator)
print("valid")
""";
        var psi = new ProcessStartInfo("/usr/bin/python3", ["-c", script, SchemaPath, Path.Combine(Repo.Root, config)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        Assert.That(p.WaitForExit(30_000), Is.True);
        Assert.That(p.ExitCode, Is.Zero, output);
        Assert.That(output.Trim(), Is.EqualTo("valid"));
    }

    [Test]
    public void The_schema_itself_is_a_valid_draft_2020_12_schema_that_rejects_a_typo()
    {
        const string script = """
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
errors = list(jsonschema.Draft202012Validator(schema).iter_errors({"admin": {"socketPth": "/x"}}))
print(len(errors))
""";
        var psi = new ProcessStartInfo("/usr/bin/python3", ["-c", script, SchemaPath]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        Assert.That(p.WaitForExit(30_000), Is.True);
        Assert.That(p.ExitCode, Is.Zero, output);
        Assert.That(output.Trim(), Is.EqualTo("1"));
    }
}
