using Appliance.MarketData.Events;
using Appliance.MarketData.Feed;

namespace Appliance.MarketData.Tests.Feed;

/// <summary>A FeedProcessor over TestInstruments collecting every event, with helpers to drive it.</summary>
internal sealed class ProcessorHarness
{
    public ProcessorHarness(string[] streams, int lines = 1)
    {
        Counters = new FeedCounters(lines);
        Processor = new FeedProcessor<CollectingEventSink>(TestInstruments.Create(), streams, lines, Counters, new CollectingEventSink(Events));
    }

    public List<MarketEvent> Events { get; } = [];
    public FeedCounters Counters { get; }
    public FeedProcessor<CollectingEventSink> Processor { get; }
    public long Clock { get; set; } = 1_000_000;

    public MessageOutcome Send(byte[] payload, int line = 0, ushort connection = 1) =>
        Processor.OnMessage(line, connection, Clock += 1000, payload);

    public List<SnapshotRequest> TakeRequests()
    {
        var list = new List<SnapshotRequest>();
        while (Processor.TryTakeSnapshotRequest(out SnapshotRequest r)) list.Add(r);
        return list;
    }

    public IEnumerable<MarketEvent> Statuses(FeedStatus status) => Events.Where(e => e.Kind == MarketEventKind.Status && e.Status == status);

    /// <summary>Events as short strings: "T5" trade 5, "D13-15" diff, "S14" snapshot part 0, "Gap3-4", "Resynced14".</summary>
    public List<string> Script() => Events.Select(Describe).ToList();

    public static string Describe(MarketEvent e) => e.Kind switch
    {
        MarketEventKind.Trade => $"T{e.TradeId}",
        MarketEventKind.BestBidOffer => $"B{e.LastId}",
        MarketEventKind.DepthDiff => $"D{e.FirstId}-{e.LastId}" + (e.Part > 0 ? $".{e.Part}" : ""),
        MarketEventKind.DepthSnapshot => $"S{e.LastId}" + (e.Part > 0 ? $".{e.Part}" : ""),
        _ => e.Status switch
        {
            FeedStatus.Gap => $"Gap{e.FirstId}-{e.LastId}",
            FeedStatus.Resynced => $"Resynced{e.StatusDetail}",
            _ => e.Status.ToString(),
        },
    };
}
