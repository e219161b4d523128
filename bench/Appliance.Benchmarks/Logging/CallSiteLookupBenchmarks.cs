using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Appliance.Logging.Templates;
using BenchmarkDotNet.Attributes;

namespace Appliance.Benchmarks.Logging;

/// <summary>
/// Finding a call site's template on every call. Ours: the line number indexes a direct-mapped table and the
/// [CallerFilePath] string is compared by reference (one load, two compares, no hashing). The alternatives a
/// user would reach for hash the (file, line) key. Goal: ≤ 1 ns, a fraction of the hashed lookup.
/// </summary>
[MemoryDiagnoser]
public class CallSiteLookupBenchmarks
{
    private readonly Dictionary<(string File, int Line), int> _dictionary = new();
    private readonly ConcurrentDictionary<(string File, int Line), int> _concurrent = new();
    private string _file = "";
    private long _key;
    private int _line;

    [GlobalSetup]
    public void Setup()
    {
        _file = Here();
        _line = 4242;
        _key = CallSiteTable.KeyOf(_line, 20, 3);
        var builder = new TemplateBuilder(_file, _line, _key);
        builder.AddLiteral("fill ");
        builder.AddHole(null, 0);
        CallSiteTable.Register(builder);
        // Other sites, as a real process has hundreds.
        for (int i = 0; i < 500; i++)
        {
            _dictionary[($"/src/File{i}.cs", i)] = i;
            _concurrent[($"/src/File{i}.cs", i)] = i;
        }
        _dictionary[(_file, _line)] = 1;
        _concurrent[(_file, _line)] = 1;
    }

    private static string Here([CallerFilePath] string file = "") => file;

    [Benchmark(Description = "line-indexed, reference compare (ours)")]
    public int LineIndexed() => CallSiteTable.Find(_file, _key);

    [Benchmark(Baseline = true, Description = "Dictionary<(file, line)>")]
    public int Hashed() => _dictionary[(_file, _line)];

    [Benchmark(Description = "ConcurrentDictionary<(file, line)>")]
    public int ConcurrentHashed() => _concurrent[(_file, _line)];
}
