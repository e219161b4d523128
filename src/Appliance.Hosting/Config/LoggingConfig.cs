using Microsoft.Extensions.Logging;

namespace Appliance.Hosting.Config;

/// <summary>The `logging` section: levels, where lines go, how long they may wait.</summary>
/// <param name="Level">Level of every category no rule names.</param>
/// <param name="Levels">Per-category rules ("Feed" covers "Feed.Binance"); changeable at run time with `ctl log level`.</param>
/// <param name="Stdout">Standard output: `auto` is journald form under systemd, text on a terminal.</param>
/// <param name="File">An optional rolling log file (normally under LogsDirectory=, /var/log/appliance).</param>
/// <param name="FlushIntervalMs">Longest a line waits in the process before it is written (what a SIGKILL can lose).</param>
// Positional records: System.Text.Json's source generator keeps constructor defaults for absent keys, while it
// would reset init-only properties with initialisers to default(T).
public sealed record LoggingConfig(
    LogLevel Level = LogLevel.Information,
    IReadOnlyDictionary<string, LogLevel>? Levels = null,
    StdoutMode Stdout = StdoutMode.Auto,
    LogFileConfig? File = null,
    int FlushIntervalMs = 100)
{
    public IReadOnlyDictionary<string, LogLevel> Levels { get; init; } = Levels ?? new Dictionary<string, LogLevel>();
}
