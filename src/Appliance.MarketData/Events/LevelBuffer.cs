using System.Runtime.CompilerServices;

namespace Appliance.MarketData.Events;

/// <summary>The levels carried inline in a <see cref="MarketEvent"/>: bids first, then asks.</summary>
[InlineArray(Capacity)]
public struct LevelBuffer
{
    /// <summary>Chosen so that <see cref="MarketEvent"/> is exactly 512 bytes (96-byte header + 26 × 16).</summary>
    public const int Capacity = 26;

    private BookLevel _first;
}
