namespace Appliance.Venue.Replay;

/// <summary>Journal replay: which journal, how fast, and which recorded connection's payloads.</summary>
public sealed record ReplayOptions
{
    /// <summary>A journal segment file, or a directory holding <c>md-NNNNNN.journal</c> segments.</summary>
    public string Path { get; init; } = "";

    public ReplayPace Pace { get; init; } = ReplayPace.Realtime;

    /// <summary>Serve only records of this recorded connection id; null serves every record.</summary>
    public ushort? Connection { get; init; }

    /// <summary>Segment file prefix when <see cref="Path"/> is a directory.</summary>
    public string Prefix { get; init; } = "md";
}
