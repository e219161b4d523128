using System.Diagnostics.CodeAnalysis;

namespace Appliance.MarketData.Events;

/// <summary>
/// Where a decoder writes: hands out the next slot to fill in place (a ring slot, an array element).
/// A struct generic parameter so the call is devirtualised and inlined. A sink that has no room returns
/// a scratch slot and counts the drop itself; the decoder never waits and never needs to know.
/// The caller publishes what the decoder claimed once the decode result is known.
/// </summary>
public interface IMarketEventSink
{
    // Unscoped so a struct sink may hand out its own scratch slot.
    [UnscopedRef]
    ref MarketEvent Claim();
}
