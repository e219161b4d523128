namespace Appliance.Hosting.Config;

/// <summary>`logging.file`: a rolling file. Rolls by size and/or every N hours; retention by count and/or bytes.</summary>
/// <param name="Path">The active file; rolled files sit beside it.</param>
/// <param name="MaxFileBytes">Roll before the active file would pass this size.</param>
/// <param name="RollEveryHours">Roll at each UTC multiple of this many hours (24: at midnight UTC).</param>
/// <param name="RetainFiles">Rolled files kept.</param>
/// <param name="RetainBytes">Rolled files plus the active one kept within this many bytes.</param>
public sealed record LogFileConfig(
    string Path,
    LogFileFormat Format = LogFileFormat.Text,
    long? MaxFileBytes = 256L * 1024 * 1024,
    int? RollEveryHours = null,
    int? RetainFiles = 20,
    long? RetainBytes = null);
