using Appliance.MarketData.Events;
using Appliance.Trading.Orders;

namespace Appliance.Trading.Gateways.Venue;

public enum MirrorState : byte
{
    /// <summary>Taken from the strategy, not yet sent (rate limit, or no session).</summary>
    Queued,
    /// <summary>Insert sent, no sign of it from the venue yet: its outcome is unknown until then.</summary>
    Sent,
    /// <summary>The venue has it open.</summary>
    Live,
    /// <summary>Ended (filled, cancelled, expired, rejected).</summary>
    Done,
}

/// <summary>The session thread's copy of one order: what was asked, what the venue said, fills seen. Gateway threads only.</summary>
internal sealed class MirrorOrder
{
    public long ClientOrderId;
    public int InstrumentId;
    public Side Side;
    public TimeInForce TimeInForce;
    public bool PostOnly;
    public long Price;
    public long Amount;
    public MirrorState State;
    public long Filled;
    /// <summary>Σ fill quantity × price (units × units), to price fills missed while disconnected.</summary>
    public decimal FillNotional;
    public bool CancelWanted;
    public bool CancelSent;
    public bool AmendWanted;
    public bool AmendSent;
    public long AmendPrice;
    public long AmendAmount;
    /// <summary>Monotonic ns when the strategy's insert was taken (its age decides whether a lost insert is re-sent).</summary>
    public long TakenAtNs;
    public long SentAtNs;
    public long DoneAtNs;

    public override string ToString() => $"order {ClientOrderId} {Side} {Amount}@{Price} {State} filled {Filled}";
}
