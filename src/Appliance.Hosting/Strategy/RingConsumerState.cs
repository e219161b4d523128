using System.Runtime.InteropServices;

namespace Appliance.Hosting.Strategy;

/// <summary>
/// What the strategy thread has seen on one feed's ring: written by the strategy thread only, read by
/// housekeeping (readiness, health, status) with volatile loads. Padded so two rings' counters never share a line.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 320)]
public struct RingConsumerState
{
    /// <summary>Every event taken from the ring.</summary>
    [FieldOffset(128)] public long Events;
    /// <summary>Trades, quotes and depth (not status events).</summary>
    [FieldOffset(136)] public long MarketEvents;
    /// <summary>MonoClock ticks of the last market event's receive stamp (0: none yet).</summary>
    [FieldOffset(144)] public long LastMarketReceive;
    /// <summary>Status events: the venue acknowledged a subscription.</summary>
    [FieldOffset(152)] public long Subscribed;
    [FieldOffset(160)] public long Gaps;
    [FieldOffset(168)] public long DroppedEvents;
    [FieldOffset(176)] public long Stales;
    [FieldOffset(184)] public long Reconnects;
}
