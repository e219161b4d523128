using Appliance.Admin.Answers;
using Appliance.Primitives.Histograms;

namespace Appliance.Hosting.Strategy;

/// <summary>
/// The strategy thread's latency recorders, one per stage, in nanoseconds:
/// <c>receive_to_decode</c> (socket read returned → event decoded, on the feed thread, from the event's stamps),
/// <c>decode_to_dequeue</c> (decoded → taken from the ring: the cross-core hand-off and any queueing) and
/// <c>stage</c> (taken from the ring → book updated and the strategy stage done).
/// </summary>
public sealed class StageLatencies
{
    public const string ReceiveToDecode = "receive_to_decode";
    public const string DecodeToDequeue = "decode_to_dequeue";
    public const string Stage = "stage";

    public StageLatencies(LatencyTracker tracker)
    {
        Tracker = tracker;
        // 1 ns .. 10 s at 3 digits; anything slower is out of range and counted as such.
        ReceiveToDecodeRecorder = tracker.AddStage(ReceiveToDecode, 1, 10_000_000_000, 3);
        DecodeToDequeueRecorder = tracker.AddStage(DecodeToDequeue, 1, 10_000_000_000, 3);
        StageRecorder = tracker.AddStage(Stage, 1, 10_000_000_000, 3);
    }

    public LatencyTracker Tracker { get; }
    public IntervalRecorder ReceiveToDecodeRecorder { get; }
    public IntervalRecorder DecodeToDequeueRecorder { get; }
    public IntervalRecorder StageRecorder { get; }
}
