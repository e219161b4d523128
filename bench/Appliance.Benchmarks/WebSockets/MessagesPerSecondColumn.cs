using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Appliance.Benchmarks.WebSockets;

/// <summary>Throughput next to the mean: messages per second when one operation is one message.</summary>
internal sealed class MessagesPerSecondColumn : IColumn
{
    public string Id => nameof(MessagesPerSecondColumn);
    public string ColumnName => "Msg/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Messages per second (1 / mean time per message)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        double? nanos = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return nanos is > 0 ? $"{1e9 / nanos.Value:N0}" : "-";
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
}
