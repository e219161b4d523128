using Appliance.Logging;
using Appliance.MarketData.Config;
using Appliance.MarketData.Events;
using Appliance.MarketData.Instruments;
using Appliance.MarketData.Journal;
using Appliance.Primitives.Rings;

namespace Appliance.MarketData.Feed;

/// <summary>Everything a <see cref="FeedSession"/> needs: its group's lines and the objects it shares with the host.</summary>
public sealed record FeedSessionOptions
{
    /// <summary>The group name (a single feed's name when it has no group).</summary>
    public required string Name { get; init; }

    /// <summary>The lines (connections) of the group, in line order; they carry the same streams.</summary>
    public required IReadOnlyList<FeedConfig> Lines { get; init; }

    public required InstrumentTable Instruments { get; init; }

    /// <summary>The ring to the strategy thread; this session is its only producer. Fresh (never written).</summary>
    public required SpscRing<MarketEvent> Ring { get; init; }

    public OverloadPolicy Overload { get; init; } = OverloadPolicy.Drop;

    /// <summary>How long <see cref="OverloadPolicy.SpinThenDrop"/> spins for room.</summary>
    public TimeSpan OverloadSpin { get; init; } = TimeSpan.FromMicroseconds(50);

    /// <summary>Raised under <see cref="OverloadPolicy.Halt"/>; required for it.</summary>
    public HaltFlag? Halt { get; init; }

    /// <summary>This session's own journal writer (its ring has one producer: this session's thread); null: no journal.</summary>
    public JournalWriter? Journal { get; init; }

    public Logger? Log { get; init; }

    public FeedIdle Idle { get; init; } = FeedIdle.Auto;

    /// <summary>Seed of the backoff jitter (tests); null: random.</summary>
    public int? Seed { get; init; }

    /// <summary>Timeout of a REST snapshot request.</summary>
    public TimeSpan SnapshotTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Builds the options of one group from configuration and the host's shared objects.</summary>
    public static FeedSessionOptions FromConfig(FeedGroup group, InstrumentTable instruments, RingConfig ring, SpscRing<MarketEvent> events,
        JournalWriter? journal = null, HaltFlag? halt = null, Logger? log = null) => new()
    {
        Name = group.Name,
        Lines = group.Lines,
        Instruments = instruments,
        Ring = events,
        Overload = ring.OverloadPolicy,
        OverloadSpin = TimeSpan.FromMicroseconds(ring.SpinMicroseconds),
        Halt = halt ?? (ring.OverloadPolicy == OverloadPolicy.Halt ? new HaltFlag() : null),
        Journal = journal,
        Log = log,
    };
}
