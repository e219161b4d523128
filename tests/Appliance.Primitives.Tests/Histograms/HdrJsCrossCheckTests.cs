using System.Globalization;
using System.Text;
using System.Text.Json;
using Appliance.Primitives.Histograms;

namespace Appliance.Primitives.Tests.Histograms;

/// <summary>
/// Cross-check against the reference implementation hdr-histogram-js 3.0.1 (pinned in HdrJs/package.json,
/// installed by scripts/bootstrap.sh), driven through node as a child process: same values give the same
/// slots, percentile table and percentiles, and each side decodes the other's base64 to the same counts.
/// </summary>
/// <remarks>
/// One deliberate difference in the tables: the "#[Max = ...]" field. Java prints
/// highestEquivalentValue(max) (our <see cref="HdrHistogram.MaxValue"/>, pinned by the Java golden tests);
/// hdr-histogram-js prints its internal maxValue, which is the raw recorded max plus unitMagnitudeMask
/// (exactly the raw max when lowestDiscernibleValue is 1), and after decoding the highest equivalent value
/// plus that mask. Every other byte of the table must be equal, and the js max is checked against those rules.
/// </remarks>
public class HdrJsCrossCheckTests
{
    private static readonly double[] Percentiles =
    [
        0, 0.001, 0.1, 1, 5, 10, 12.5, 25, 33.3, 50, 66.6, 75, 87.5, 90, 95, 99, 99.5, 99.9, 99.99, 99.999, 100,
        1e-9, 14.285714285714286, 42.42, 57.1, 99.12345, 99.999999, 0.07, 0.085, 16.1, 64.4,
    ];

    private static readonly Dictionary<string, (JsonElement Recorded, JsonElement DecodedOurs)> Results = new();

    public sealed record Case(string Name, long Lowest, long Highest, int Digits, double Ratio, int Ticks, long[] Values)
    {
        public override string ToString() => Name;
    }

    public static IEnumerable<Case> Cases()
    {
        yield return From(SampleDistributions.Generate("log-normal ns in us", 1, 3_600_000_000_000, 3, 20_000, r => (long)Math.Exp(Normal(r, 10, 1.2))), 1000.0, 5);
        yield return From(SampleDistributions.Generate("uniform with zeros, 2 digits", 1, 3_600_000_000, 2, 20_000, r => r.Next(10) == 0 ? 0 : r.NextInt64(0, 1_000_000)), 1.0, 5);
        yield return From(SampleDistributions.Generate("exponential, unit 512, in ms", 1000, 3_600_000_000_000, 3, 20_000, r => (long)(-Math.Log(1 - r.NextDouble()) * 3_000_000)), 1_000_000.0, 10);
        yield return From(SampleDistributions.Generate("bimodal, 5 digits", 1, 10_000_000, 5, 20_000, r => r.Next(4) == 0 ? r.NextInt64(2_000_000, 9_000_000) : r.NextInt64(100, 5_000)), 1.0, 3);
        yield return From(SampleDistributions.Generate("small values, 1 digit, 1 tick", 1, 1000, 1, 5_000, r => r.NextInt64(0, 1001)), 1.0, 1);
        yield return From(SampleDistributions.Generate("one value repeated, 4 digits", 1, 3_600_000_000, 4, 100, _ => 123_456_789), 1.0, 5);
        yield return From(SampleDistributions.Generate("single sample", 1, 10_000_000, 3, 1, _ => 4_242), 1.0, 5);
        yield return From(SampleDistributions.Generate("empty", 1, 1_000_000, 2, 0, _ => 0), 1.0, 5);
        yield return From(SampleDistributions.Generate("lowest 1024, ns in s", 1024, 1_000_000_000_000, 2, 20_000, r => (long)Math.Exp(Normal(r, 18, 2))), 1e9, 5);
        yield return From(SampleDistributions.Generate("heavy tail, 200k samples", 1, 3_600_000_000_000, 3, 200_000, r => (long)(1000 / Math.Pow(1 - r.NextDouble(), 1.5))), 1.0, 5);
    }

    [OneTimeSetUp]
    public void RunHdrHistogramJs()
    {
        var cases = Cases().ToArray();
        var requests = new MemoryStream();
        using (var json = new Utf8JsonWriter(requests))
        {
            json.WriteStartArray();
            foreach (var c in cases)
            {
                json.WriteStartObject();
                json.WriteString("op", "record");
                json.WriteNumber("lowest", c.Lowest);
                json.WriteNumber("highest", c.Highest);
                json.WriteNumber("digits", c.Digits);
                json.WriteStartArray("values");
                foreach (long v in c.Values)
                    json.WriteNumberValue(v);
                json.WriteEndArray();
                WriteOutputOptions(json, c);
                json.WriteEndObject();

                json.WriteStartObject();
                json.WriteString("op", "decode");
                json.WriteString("base64", Record(c).ToBase64CompressedString());
                WriteOutputOptions(json, c);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }

        JsonElement results = RunNode(requests.ToArray());
        Assert.That(results.GetArrayLength(), Is.EqualTo(cases.Length * 2));
        for (int i = 0; i < cases.Length; i++)
            Results[cases[i].Name] = (results[2 * i], results[2 * i + 1]);
    }

    [TestCaseSource(nameof(Cases))]
    public void Same_values_fill_the_same_slots_of_the_same_layout(Case c)
    {
        var ours = Record(c);
        JsonElement js = Results[c.Name].Recorded;

        Assert.That(js.GetProperty("countsArrayLength").GetInt32(), Is.EqualTo(ours.CountsArrayLength));
        Assert.That(js.GetProperty("bucketCount").GetInt32(), Is.EqualTo(ours.BucketCount));
        Assert.That(js.GetProperty("subBucketCount").GetInt32(), Is.EqualTo(ours.SubBucketCount));
        Assert.That(js.GetProperty("unitMagnitude").GetInt32(), Is.EqualTo(ours.UnitMagnitude));
        AssertSameCounts(js, ours);
    }

    [TestCaseSource(nameof(Cases))]
    public void Same_values_give_the_same_percentile_table(Case c)
    {
        var ours = Record(c);
        string jsText = Results[c.Name].Recorded.GetProperty("hgrm").GetString()!;
        long rawMax = c.Values.Length == 0 ? 0 : c.Values.Max();
        long mask = (1L << ours.UnitMagnitude) - 1;

        AssertSameTableApartFromJsMax(PercentileDistributionTests.Text(ours, c.Ratio, c.Ticks), jsText, ours, c,
            jsMaxLow: rawMax, jsMaxHigh: rawMax == 0 ? 0 : rawMax + mask);
    }

    [TestCaseSource(nameof(Cases))]
    public void Same_values_give_the_same_value_at_every_percentile(Case c)
    {
        var ours = Record(c);
        JsonElement jsPercentiles = Results[c.Name].Recorded.GetProperty("percentiles");

        for (int i = 0; i < Percentiles.Length; i++)
        {
            Assert.That(ours.GetValueAtPercentile(Percentiles[i]), Is.EqualTo(jsPercentiles[i].GetInt64()),
                $"p{Percentiles[i].ToString(CultureInfo.InvariantCulture)}");
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Our_base64_decoded_by_js_has_the_same_counts_table_and_percentiles(Case c)
    {
        var ours = Record(c);
        JsonElement js = Results[c.Name].DecodedOurs;

        Assert.That(js.GetProperty("totalCount").GetInt64(), Is.EqualTo(ours.TotalCount));
        AssertSameCounts(js, ours);
        // Decoded js max is highestEquivalentValue(max) + unitMagnitudeMask: ours exactly when the unit is 1.
        long mask = (1L << ours.UnitMagnitude) - 1;
        long max = c.Values.Length == 0 ? 0 : ours.HighestEquivalentValue(c.Values.Max());
        AssertSameTableApartFromJsMax(PercentileDistributionTests.Text(ours, c.Ratio, c.Ticks), js.GetProperty("hgrm").GetString()!, ours, c,
            jsMaxLow: max + mask, jsMaxHigh: max + mask);
        for (int i = 0; i < Percentiles.Length; i++)
            Assert.That(js.GetProperty("percentiles")[i].GetInt64(), Is.EqualTo(ours.GetValueAtPercentile(Percentiles[i])));
    }

    [TestCaseSource(nameof(Cases))]
    public void Js_base64_decoded_by_us_has_the_same_counts(Case c)
    {
        var ours = Record(c);
        string jsBase64 = Results[c.Name].Recorded.GetProperty("base64").GetString()!;

        var decoded = HdrHistogram.DecodeFromBase64CompressedString(jsBase64);

        Assert.That((decoded.LowestDiscernibleValue, decoded.HighestTrackableValue, decoded.NumberOfSignificantValueDigits),
            Is.EqualTo((c.Lowest, c.Highest, c.Digits)));
        Assert.That(decoded.TotalCount, Is.EqualTo(ours.TotalCount));
        Assert.That(decoded.CountsEqual(ours), Is.True);
        Assert.That(PercentileDistributionTests.Text(decoded, c.Ratio, c.Ticks), Is.EqualTo(PercentileDistributionTests.Text(ours, c.Ratio, c.Ticks)));
    }

    private static void AssertSameTableApartFromJsMax(string oursText, string jsText, HdrHistogram ours, Case c, long jsMaxLow, long jsMaxHigh)
    {
        string[] oursLines = oursText.Split('\n');
        string[] jsLines = jsText.Split('\n');
        Assert.That(jsLines, Has.Length.EqualTo(oursLines.Length), "row count");
        for (int i = 0; i < oursLines.Length; i++)
        {
            if (!oursLines[i].StartsWith("#[Max", StringComparison.Ordinal))
            {
                Assert.That(jsLines[i], Is.EqualTo(oursLines[i]), $"line {i + 1}");
                continue;
            }
            const string totalField = ", Total count";
            Assert.That(jsLines[i][jsLines[i].IndexOf(totalField, StringComparison.Ordinal)..],
                Is.EqualTo(oursLines[i][oursLines[i].IndexOf(totalField, StringComparison.Ordinal)..]));
            Assert.That(oursLines[i], Does.StartWith("#[Max     = " + Fixed(ours.MaxValue / c.Ratio, c.Digits, 12) + totalField));
            double jsMax = double.Parse(jsLines[i]["#[Max     =".Length..jsLines[i].IndexOf(totalField, StringComparison.Ordinal)], CultureInfo.InvariantCulture);
            double tolerance = Math.Pow(10, -c.Digits);
            Assert.That(jsMax, Is.InRange(jsMaxLow / c.Ratio - tolerance, jsMaxHigh / c.Ratio + tolerance), "js max field");
        }
    }

    private static void AssertSameCounts(JsonElement js, HdrHistogram ours)
    {
        int nonZero = 0;
        for (int i = 0; i < ours.CountsArrayLength; i++)
        {
            if (ours.GetCountAtIndex(i) != 0)
                nonZero++;
        }
        JsonElement counts = js.GetProperty("counts");
        Assert.That(counts.GetArrayLength(), Is.EqualTo(nonZero), "non-zero slots");
        foreach (JsonElement pair in counts.EnumerateArray())
        {
            int index = pair[0].GetInt32();
            Assert.That(ours.GetCountAtIndex(index), Is.EqualTo(pair[1].GetInt64()), $"slot {index}");
        }
    }

    private static string Fixed(double value, int digits, int width)
    {
        Span<byte> buffer = stackalloc byte[JavaNumberFormat.MaxFixedLength];
        return Encoding.ASCII.GetString(buffer[..JavaNumberFormat.FormatFixed(value, digits, width, buffer)]);
    }

    private static HdrHistogram Record(Case c)
    {
        var h = new HdrHistogram(c.Lowest, c.Highest, c.Digits);
        foreach (long v in c.Values)
            h.RecordValue(v);
        return h;
    }

    private static void WriteOutputOptions(Utf8JsonWriter json, Case c)
    {
        json.WriteNumber("ticks", c.Ticks);
        json.WriteNumber("ratio", c.Ratio);
        json.WriteStartArray("percentiles");
        foreach (double p in Percentiles)
            json.WriteNumberValue(p);
        json.WriteEndArray();
    }

    private static Case From(SampleDistributions.Sample s, double ratio, int ticks) =>
        new(s.Name, s.Lowest, s.Highest, s.Digits, ratio, ticks, s.Values);

    private static double Normal(Random r, double mean, double deviation) =>
        mean + deviation * Math.Sqrt(-2.0 * Math.Log(1.0 - r.NextDouble())) * Math.Cos(2.0 * Math.PI * r.NextDouble());

    private static JsonElement RunNode(byte[] input)
    {
        string directory = FindCrossCheckDirectory();
        if (!File.Exists(Path.Combine(directory, "node_modules", "hdr-histogram-js", "package.json")))
            Assert.Fail($"hdr-histogram-js is not installed in {Path.Combine(directory, "node_modules")}: run scripts/bootstrap.sh (it runs npm ci there).");
        string output = ChildProcess.Run("node", ["crosscheck.js"], directory, input, "install Node.js and run scripts/bootstrap.sh.");
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static string FindCrossCheckDirectory()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "HdrJs");
            if (File.Exists(Path.Combine(candidate, "crosscheck.js")))
                return candidate;
        }
        Assert.Fail($"HdrJs/crosscheck.js not found above {TestContext.CurrentContext.TestDirectory}.");
        return "";
    }
}
