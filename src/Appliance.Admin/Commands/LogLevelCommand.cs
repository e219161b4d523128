using Appliance.Logging.Levels;
using Microsoft.Extensions.Logging;

namespace Appliance.Admin.Commands;

/// <summary>
/// The handler of <c>log level CATEGORY LEVEL [--for DURATION]</c> over a running log system's
/// <see cref="LogLevels"/>: a rule for a category or dotted prefix, a timed burst with <c>--for</c>,
/// <c>reset</c> to remove the category's rule and burst, category <c>default</c> for the default level.
/// </summary>
public static class LogLevelCommand
{
    /// <summary>Longest burst: a forgotten Debug must not outlive the session.</summary>
    public static readonly TimeSpan MaxBurst = TimeSpan.FromHours(24);

    public static AdminCommandHandler Create(LogLevels levels) => ctx =>
    {
        var args = ctx.Arguments;
        string category = args.Required("CATEGORY");
        string levelText = args.Required("LEVEL");
        TimeSpan? burst = args.GetDuration("--for", MaxBurst);
        bool isDefault = category is "default" or "Default" or "*";
        if (category.Length > Appliance.Logging.LogSystem.MaxCategoryLength)
            throw args.UsageError($"CATEGORY is longer than {Appliance.Logging.LogSystem.MaxCategoryLength} characters");

        var json = ctx.Json;
        if (levelText == "reset")
        {
            if (burst is not null) throw args.UsageError("--for makes no sense with reset");
            if (isDefault) throw args.UsageError("the default level cannot be reset, only set");
            bool removed = levels.Reset(category);
            json.WriteString("category", category);
            json.WriteString("level", "reset");
            json.WriteBoolean("removed", removed);
            json.WriteString("effective", levels.Effective(category).ToString());
            return;
        }
        if (!TryParseLevel(levelText, out LogLevel level))
            throw args.UsageError($"LEVEL must be one of trace, debug, info, warn, error, critical, none, reset; got '{levelText}'");

        if (isDefault)
        {
            if (burst is not null) throw args.UsageError("--for applies to a category, not to the default level");
            levels.Default = level;
            json.WriteString("category", "default");
            json.WriteString("level", level.ToString());
            return;
        }
        if (burst is { } duration) levels.Burst(category, level, duration);
        else levels.Set(category, level);
        json.WriteString("category", category);
        json.WriteString("level", level.ToString());
        if (burst is { } d) json.WriteNumber("for_seconds", d.TotalSeconds);
        json.WriteString("effective", levels.Effective(category).ToString());
    };

    public static bool TryParseLevel(string text, out LogLevel level)
    {
        switch (text.ToLowerInvariant())
        {
            case "trace": level = LogLevel.Trace; return true;
            case "debug": level = LogLevel.Debug; return true;
            case "info" or "information": level = LogLevel.Information; return true;
            case "warn" or "warning": level = LogLevel.Warning; return true;
            case "error": level = LogLevel.Error; return true;
            case "critical": level = LogLevel.Critical; return true;
            case "none" or "off": level = LogLevel.None; return true;
            default: level = LogLevel.None; return false;
        }
    }
}
