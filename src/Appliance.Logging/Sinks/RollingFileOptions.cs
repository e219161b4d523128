namespace Appliance.Logging.Sinks;

/// <summary>When the active file is rolled and how many rolled files are kept.</summary>
public sealed class RollingFileOptions
{
    /// <summary>The active file, e.g. /var/log/appliance/appliance.log; rolled files sit beside it.</summary>
    public required string Path { get; init; }

    /// <summary>Roll before a write would take the active file over this size.</summary>
    public long? MaxFileBytes { get; init; }

    /// <summary>Roll at each multiple of this period in UTC (1 h: on the hour; 1 day: at midnight UTC).</summary>
    public TimeSpan? RollEvery { get; init; }

    /// <summary>Keep at most this many rolled files (newest first).</summary>
    public int? RetainFiles { get; init; }

    /// <summary>Keep rolled files while the active file and they together stay within this many bytes.</summary>
    public long? RetainBytes { get; init; }

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Path)) errors.Add($"{nameof(Path)} is required");
        if (MaxFileBytes is < 4096) errors.Add($"{nameof(MaxFileBytes)} must be at least 4096 (was {MaxFileBytes})");
        if (RollEvery is { } every && every < TimeSpan.FromSeconds(1)) errors.Add($"{nameof(RollEvery)} must be at least 1 s (was {every})");
        if (RetainFiles is < 0) errors.Add($"{nameof(RetainFiles)} must not be negative (was {RetainFiles})");
        if (RetainBytes is <= 0) errors.Add($"{nameof(RetainBytes)} must be positive (was {RetainBytes})");
        if (MaxFileBytes is null && RollEvery is null) errors.Add($"set {nameof(MaxFileBytes)} and/or {nameof(RollEvery)}, or use a plain file sink");
        return errors;
    }
}
