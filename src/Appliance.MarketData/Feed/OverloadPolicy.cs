namespace Appliance.MarketData.Feed;

/// <summary>What the feed thread does when the ring to the strategy thread is full. Every lost event is counted either way.</summary>
public enum OverloadPolicy : byte
{
    /// <summary>Drop the newest event at once.</summary>
    Drop,
    /// <summary>Spin for room up to the configured microseconds, then drop.</summary>
    SpinThenDrop,
    /// <summary>Drop, and raise the halt-trading flag for risk (the strategy must not trade on a book it no longer sees).</summary>
    Halt,
}
