using Appliance.MarketData.Events;
using Appliance.MarketData.Feed;
using Appliance.MarketData.Journal;
using Appliance.Primitives.Rings;

namespace Appliance.Hosting.Daemon;

/// <summary>One feed group as the daemon runs it: its session (feed thread), its ring to the strategy thread, its journal.</summary>
public sealed record FeedRuntime(int Index, FeedGroup Group, FeedSession Session, SpscRing<MarketEvent> Ring, JournalWriter? Journal)
{
    public string Name => Group.Name;

    /// <summary>A number that moves whenever the feed thread makes progress (loop rounds, messages, connection changes).</summary>
    public long ProgressSignature()
    {
        FeedCounters c = Session.Counters;
        long sum = c[FeedCounter.LoopRounds] + c[FeedCounter.Messages] + c[FeedCounter.Connects] + c[FeedCounter.ConnectFailures]
                   + c[FeedCounter.Disconnects] + c[FeedCounter.Stales];
        for (int i = 0; i < c.LineCount; i++) sum += c.Line(i, FeedLineCounter.LastMessageTicks);
        return sum;
    }

    /// <summary>Lines connected now.</summary>
    public int LinesConnected()
    {
        int n = 0;
        for (int i = 0; i < Session.Counters.LineCount; i++)
            if (Session.Counters.Line(i, FeedLineCounter.Connected) != 0) n++;
        return n;
    }
}
