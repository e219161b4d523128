using System.Globalization;
using System.Text.Json;
using Appliance.Admin.Answers;

namespace Appliance.Admin.Client;

/// <summary>
/// Renders a success answer for people. <c>latency</c>, <c>health</c>, <c>help</c> and <c>metrics</c> have
/// their own layouts; any other answer, including the host's own verbs, is laid out from its shape:
/// scalars as aligned <c>key  value</c> lines, objects as indented sections, arrays of objects as tables,
/// multi-line strings verbatim.
/// </summary>
public static class AnswerRenderer
{
    public static void Render(string verb, JsonElement answer, TextWriter output)
    {
        switch (verb)
        {
            case "latency": RenderLatency(answer, output); break;
            case "health": RenderHealth(answer, output); break;
            case "help": RenderHelp(answer, output); break;
            case "metrics" when answer.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String:
                output.Write(text.GetString());
                break;
            default: RenderObject(answer, output, ""); break;
        }
    }

    /// <summary>The generic layout of an object (the <c>ok</c> property left out).</summary>
    public static void RenderObject(JsonElement obj, TextWriter output, string indent)
    {
        var scalars = new TextTable("key", "value");
        var sections = new List<JsonProperty>();
        foreach (var p in obj.EnumerateObject())
        {
            if (p.Name == "ok" && indent.Length == 0) continue;
            if (IsScalarLike(p.Value) && !IsMultiline(p.Value)) scalars.AddRow(p.Name, Cell(p.Value));
            else sections.Add(p);
        }
        scalars.Write(output, indent, headers: false);
        foreach (var p in sections)
        {
            output.WriteLine();
            output.WriteLine($"{indent}{p.Name}:");
            string inner = indent + "  ";
            switch (p.Value.ValueKind)
            {
                case JsonValueKind.String:
                    output.Write(p.Value.GetString());
                    if (!p.Value.GetString()!.EndsWith('\n')) output.WriteLine();
                    break;
                case JsonValueKind.Object:
                    RenderObject(p.Value, output, inner);
                    break;
                default:
                    RenderArrayOfObjects(p.Value, output, inner);
                    break;
            }
        }
    }

    private static void RenderArrayOfObjects(JsonElement array, TextWriter output, string indent)
    {
        var columns = new List<string>();
        foreach (var row in array.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Object)
            {
                output.WriteLine($"{indent}{Cell(row)}");
                continue;
            }
            foreach (var p in row.EnumerateObject())
                if (!columns.Contains(p.Name)) columns.Add(p.Name);
        }
        if (columns.Count == 0) return;
        var table = new TextTable([.. columns]);
        foreach (var row in array.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Object) continue;
            table.AddRow([.. columns.Select(c => row.TryGetProperty(c, out var v) ? Cell(v) : "")]);
        }
        table.Write(output, indent);
    }

    private static void RenderLatency(JsonElement answer, TextWriter output)
    {
        var table = new TextTable("stage", "window", "count", "p50", "p90", "p99", "p99.9", "p99.99", "max", "mean");
        var hgrms = new List<(string Title, string Text)>();
        if (answer.TryGetProperty("stages", out var stages))
        {
            foreach (var s in stages.EnumerateArray())
            {
                string stage = s.GetProperty("stage").GetString() ?? "";
                foreach (var (key, label) in new[] { ("interval", "interval"), ("since_start", "since start") })
                {
                    if (!s.TryGetProperty(key, out var w)) continue;
                    string window = w.TryGetProperty("seconds", out var secs) ? $"{label} ({FormatSeconds(secs.GetDouble())})" : label;
                    var row = new List<string> { stage, window, Cell(w.GetProperty("count")) };
                    foreach (var (p, _) in LatencyAnswer.Percentiles) row.Add(Micros(w, p));
                    row.Add(Micros(w, "max"));
                    row.Add(Micros(w, "mean"));
                    table.AddRow([.. row]);
                }
                if (s.TryGetProperty("hgrm_interval", out var hi)) hgrms.Add(($"{stage}, interval", hi.GetString() ?? ""));
                if (s.TryGetProperty("hgrm_since_start", out var hs)) hgrms.Add(($"{stage}, since start", hs.GetString() ?? ""));
            }
        }
        if (table.RowCount == 0) output.WriteLine("no latency stages");
        else
        {
            output.WriteLine("latency in microseconds");
            table.Write(output);
        }
        foreach (var (title, text) in hgrms)
        {
            output.WriteLine();
            output.WriteLine($"# {title} (.hgrm, values in microseconds)");
            output.Write(text);
        }
        if (answer.TryGetProperty("reset", out var reset) && reset.ValueKind == JsonValueKind.True)
        {
            output.WriteLine();
            output.WriteLine("histograms reset");
        }
    }

    private static void RenderHealth(JsonElement answer, TextWriter output)
    {
        string status = answer.TryGetProperty("status", out var s) ? s.GetString() ?? "?" : "?";
        output.WriteLine($"health: {status}");
        if (answer.TryGetProperty("checks", out var checks) && checks.GetArrayLength() > 0)
        {
            output.WriteLine();
            var table = new TextTable("check", "status", "detail");
            foreach (var c in checks.EnumerateArray())
                table.AddRow(Str(c, "check"), Str(c, "status"), Str(c, "detail"));
            table.Write(output);
        }
        // Anything else the host added (uptime, versions) in the generic layout.
        var rest = new List<JsonProperty>();
        foreach (var p in answer.EnumerateObject())
            if (p.Name is not ("ok" or "status" or "reasons" or "checks")) rest.Add(p);
        if (rest.Count == 0) return;
        output.WriteLine();
        var extra = new TextTable("key", "value");
        foreach (var p in rest) extra.AddRow(p.Name, Cell(p.Value));
        extra.Write(output, headers: false);
    }

    private static void RenderHelp(JsonElement answer, TextWriter output)
    {
        var table = new TextTable("usage", "access", "help");
        if (answer.TryGetProperty("verbs", out var verbs))
        {
            foreach (var v in verbs.EnumerateArray())
            {
                string access = v.TryGetProperty("mutates", out var m) && m.ValueKind == JsonValueKind.True ? "admin" : "read";
                if (v.TryGetProperty("mutating_options", out var mo) && mo.GetArrayLength() > 0)
                    access += $" ({string.Join(" ", mo.EnumerateArray().Select(o => o.GetString()))}: admin)";
                table.AddRow(Str(v, "usage"), access, Str(v, "help"));
            }
        }
        table.Write(output);
    }

    private static string Micros(JsonElement window, string name) =>
        window.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number
            ? (v.GetDouble() / 1000.0).ToString("0.000", CultureInfo.InvariantCulture)
            : "";

    private static string FormatSeconds(double s) => s < 120
        ? s.ToString("0.###", CultureInfo.InvariantCulture) + " s"
        : TimeSpan.FromSeconds(Math.Round(s)).ToString(s >= 86400 ? @"d\.hh\:mm\:ss" : @"hh\:mm\:ss", CultureInfo.InvariantCulture);

    private static string Str(JsonElement obj, string name) => obj.TryGetProperty(name, out var v) ? Cell(v) : "";

    private static bool IsScalarLike(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Object => false,
        JsonValueKind.Array => v.EnumerateArray().All(e => e.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)),
        _ => true,
    };

    private static bool IsMultiline(JsonElement v) => v.ValueKind == JsonValueKind.String && v.GetString()!.Contains('\n');

    /// <summary>A value in one cell: strings bare, arrays of scalars comma-separated, nested structures as compact JSON.</summary>
    private static string Cell(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => (v.GetString() ?? "").ReplaceLineEndings(" "),
        JsonValueKind.Null => "-",
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Number => v.GetRawText(),
        JsonValueKind.Array when IsScalarLike(v) => string.Join(", ", v.EnumerateArray().Select(Cell)),
        _ => v.GetRawText(),
    };
}
