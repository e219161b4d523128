using System.Text;
using Appliance.MarketData.Config;
using Appliance.Primitives.Threading;

namespace Appliance.Hosting.Config;

/// <summary>
/// Checks the values of the daemon's own sections (logging, admin, threads, session, shutdown, metrics, systemd)
/// once their shape is right. Adds every problem to <see cref="ConfigErrors"/>; never stops at the first.
/// Host facts (does CPU 7 exist, is it isolated) are checked at start, not here: check-config runs anywhere.
/// </summary>
public static class HostingConfigValidator
{
    /// <summary>sun_path holds 108 bytes including the terminating NUL.</summary>
    public const int MaxSocketPathBytes = 107;

    /// <param name="feeds">The configured feeds, for checks that relate threads to feeds; null when that section is broken.</param>
    public static void Validate(ApplianceConfig c, ConfigErrors errors, ICollection<ConfigError> warnings, IReadOnlyList<FeedConfig>? feeds = null)
    {
        Logging(c.Logging, "$.logging", errors);
        Admin(c.Admin, "$.admin", errors);
        Threads(c.Threads, "$.threads", errors, warnings, feeds);
        if (c.Session is { } s) Session(s, "$.session", errors);
        Range(errors, "$.shutdown.stopTimeoutSeconds", c.Shutdown.StopTimeoutSeconds, 1, 3600);
        Metrics(c.Metrics, "$.metrics", errors);
        Range(errors, "$.systemd.readyTimeoutSeconds", c.Systemd.ReadyTimeoutSeconds, 1, 3600);
        Range(errors, "$.systemd.extendTimeoutSeconds", c.Systemd.ExtendTimeoutSeconds, 2, 600);
        Range(errors, "$.systemd.statusIntervalSeconds", c.Systemd.StatusIntervalSeconds, 1, 3600);
        if (c.SecretsFile is { } sf && sf.Trim().Length == 0) errors.Add("$.secretsFile", "must be a path (or left out)");
    }

    private static void Logging(LoggingConfig l, string path, ConfigErrors errors)
    {
        Range(errors, $"{path}.flushIntervalMs", l.FlushIntervalMs, 1, 10_000);
        foreach (var (category, _) in l.Levels)
        {
            if (string.IsNullOrWhiteSpace(category)) errors.Add($"{path}.levels", "a category name must not be empty");
            else if (category.Length > 256) errors.Add(ConfigErrors.Child($"{path}.levels", category), "category names are at most 256 characters");
        }
        if (l.File is { } f)
        {
            string fp = $"{path}.file";
            if (string.IsNullOrWhiteSpace(f.Path)) errors.Add($"{fp}.path", "must be a file path");
            if (f.MaxFileBytes is < 4096) errors.Add($"{fp}.maxFileBytes", $"must be at least 4096 (was {f.MaxFileBytes})");
            if (f.RollEveryHours is { } h) Range(errors, $"{fp}.rollEveryHours", h, 1, 24 * 31);
            if (f.RetainFiles is < 0) errors.Add($"{fp}.retainFiles", $"must not be negative (was {f.RetainFiles})");
            if (f.RetainBytes is <= 0) errors.Add($"{fp}.retainBytes", $"must be positive (was {f.RetainBytes})");
            if (f.MaxFileBytes is null && f.RollEveryHours is null) errors.Add(fp, "set maxFileBytes and/or rollEveryHours: a log file must roll");
        }
    }

    private static void Admin(AdminConfig a, string path, ConfigErrors errors)
    {
        if (string.IsNullOrWhiteSpace(a.SocketPath) || !a.SocketPath.StartsWith('/'))
            errors.Add($"{path}.socketPath", $"must be an absolute path (was \"{a.SocketPath}\")");
        else if (Encoding.UTF8.GetByteCount(a.SocketPath) > MaxSocketPathBytes)
            errors.Add($"{path}.socketPath", $"is {Encoding.UTF8.GetByteCount(a.SocketPath)} bytes; a Unix socket path holds at most {MaxSocketPathBytes}");
        if (!ConfigText.TryParseMode(a.SocketMode, out UnixFileMode mode))
            errors.Add($"{path}.socketMode", $"must be an octal mode such as \"0660\" (was \"{a.SocketMode}\")");
        else if (((int)mode & 0x180) != 0x180)
            errors.Add($"{path}.socketMode", $"\"{a.SocketMode}\" must let the owner read and write (0600 at least)");
        GroupName(a.SocketGroup, $"{path}.socketGroup", errors);
        GroupName(a.AdminGroup, $"{path}.adminGroup", errors);
        Range(errors, $"{path}.maxClients", a.MaxClients, 1, 4096);
        Range(errors, $"{path}.requestsPerSecond", a.RequestsPerSecond, 1, 100_000);
        Range(errors, $"{path}.requestBurst", a.RequestBurst, 1, 100_000);
        Range(errors, $"{path}.idleTimeoutSeconds", a.IdleTimeoutSeconds, 1, 86_400);
    }

    // Whether the group exists is the host's business (checked at start); here only its spelling.
    private static void GroupName(string? g, string path, ConfigErrors errors)
    {
        if (g is not null && (g.Length == 0 || g.Length > 32 || g.Contains(':') || g.Any(char.IsWhiteSpace)))
            errors.Add(path, $"\"{g}\" is not a group name");
    }

    private static void Threads(ThreadsConfig t, string path, ConfigErrors errors, ICollection<ConfigError> warnings, IReadOnlyList<FeedConfig>? feeds)
    {
        CpuSet? strategy = HotThread(t.Strategy, $"{path}.strategy", errors);
        Range(errors, $"{path}.feedFifoPriority", t.FeedFifoPriority, 0, 99);
        CpuSet? housekeeping = null;
        if (t.HousekeepingCpus is { } hk)
        {
            if (CpuSet.TryParse(hk, out CpuSet set, out string error)) housekeeping = set;
            else errors.Add($"{path}.housekeepingCpus", $"\"{hk}\": {error}");
        }

        var hot = new List<(string Path, CpuSet Cpus)>();
        if (strategy is not null) hot.Add(($"{path}.strategy.cpus", strategy));
        if (feeds is not null)
            for (int i = 0; i < feeds.Count; i++)
                if (feeds[i]?.Cpu is int cpu && cpu is >= 0 and < CpuSet.MaxCpus)
                    hot.Add(($"$.feeds[{i}].cpu", CpuSet.Of(cpu)));

        if (t.Spin == SpinMode.Busy && t.Strategy.Cpus is null)
            warnings.Add(new ConfigError($"{path}.strategy.cpus", "the strategy thread busy-spins unpinned: it burns a core the scheduler may also give to others"));
        if (strategy is not null)
            foreach (var (p, cpus) in hot)
                if (p.StartsWith("$.feeds", StringComparison.Ordinal) && Overlaps(strategy, cpus))
                    warnings.Add(new ConfigError($"{path}.strategy.cpus", $"shares CPU {cpus} with {p}: two spinning threads on one core starve each other"));
        if (housekeeping is not null)
            foreach (var (p, cpus) in hot)
                if (Overlaps(housekeeping, cpus))
                    warnings.Add(new ConfigError($"{path}.housekeepingCpus", $"overlaps the hot CPUs of {p} ({cpus})"));
        if (t.RequireFifo && t.Strategy.FifoPriority == 0 && t.FeedFifoPriority == 0)
            warnings.Add(new ConfigError($"{path}.requireFifo", "is true but no thread asks for SCHED_FIFO (fifoPriority 0 everywhere)"));
        if (t.RequireMlockall && !t.Mlockall)
            errors.Add($"{path}.requireMlockall", "is true but mlockall is false");
        if ((t.RequirePinning || t.RequireIsolatedCpus) && t.Strategy.Cpus is null)
            errors.Add($"{path}.strategy.cpus", "is required when requirePinning or requireIsolatedCpus is true");
    }

    private static CpuSet? HotThread(HotThreadConfig h, string path, ConfigErrors errors)
    {
        Range(errors, $"{path}.fifoPriority", h.FifoPriority, 0, 99);
        if (h.Cpus is null) return null;
        if (!CpuSet.TryParse(h.Cpus, out CpuSet cpus, out string error))
        {
            errors.Add($"{path}.cpus", $"\"{h.Cpus}\": {error}");
            return null;
        }
        if (cpus.IsEmpty) errors.Add($"{path}.cpus", "names no CPU");
        return cpus;
    }

    private static void Session(SessionConfig s, string path, ConfigErrors errors)
    {
        if (s.TimeZone.Length == 0) errors.Add($"{path}.timeZone", "is required (the exchange's IANA zone, e.g. \"Asia/Kolkata\")");
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(s.TimeZone, out _))
            errors.Add($"{path}.timeZone", $"\"{s.TimeZone}\" is not a time zone this host knows (IANA names such as \"Asia/Kolkata\")");
        if (s.Days.Count == 0) errors.Add($"{path}.days", "names no trading day");
        var seen = new HashSet<DayOfWeek>();
        for (int i = 0; i < s.Days.Count; i++)
        {
            if (!ConfigText.TryParseDay(s.Days[i], out DayOfWeek d)) errors.Add($"{path}.days[{i}]", $"\"{s.Days[i]}\" is not one of Mon, Tue, Wed, Thu, Fri, Sat, Sun");
            else if (!seen.Add(d)) errors.Add($"{path}.days[{i}]", $"{s.Days[i]} is listed twice");
        }
        Range(errors, $"{path}.preOpenMinutes", s.PreOpenMinutes, 0, 720);
        bool openOk = ConfigText.TryParseTimeOfDay(s.Open, out TimeOnly open);
        bool closeOk = ConfigText.TryParseTimeOfDay(s.Close, out TimeOnly close);
        if (s.Open.Length == 0) errors.Add($"{path}.open", "is required (\"HH:mm\", exchange time)");
        else if (!openOk) errors.Add($"{path}.open", $"\"{s.Open}\" is not a time of day \"HH:mm\" or \"HH:mm:ss\"");
        if (s.Close.Length == 0) errors.Add($"{path}.close", "is required (\"HH:mm\", exchange time)");
        else if (!closeOk) errors.Add($"{path}.close", $"\"{s.Close}\" is not a time of day \"HH:mm\" or \"HH:mm:ss\"");
        if (openOk && closeOk)
        {
            if (open == close) errors.Add($"{path}.close", "equals open: a session needs a length (leave the session out to run until stopped)");
            else
            {
                TimeSpan length = close > open ? close - open : TimeSpan.FromDays(1) - (open - close);
                if (s.FlattenBeforeCloseSeconds < 0 || s.FlattenBeforeCloseSeconds >= length.TotalSeconds)
                    errors.Add($"{path}.flattenBeforeCloseSeconds", $"must be from 0 to less than the session's {length.TotalSeconds:0} s (was {s.FlattenBeforeCloseSeconds})");
            }
        }
    }

    private static void Metrics(MetricsConfig m, string path, ConfigErrors errors)
    {
        Range(errors, $"{path}.intervalSeconds", m.IntervalSeconds, 1, 3600);
        if (m.TextfilePath is { } p)
        {
            if (!p.StartsWith('/')) errors.Add($"{path}.textfilePath", $"must be an absolute path (was \"{p}\")");
            else if (!p.EndsWith(".prom", StringComparison.Ordinal)) errors.Add($"{path}.textfilePath", "must end in .prom: node_exporter's textfile collector reads only *.prom");
        }
    }

    private static bool Overlaps(CpuSet a, CpuSet b)
    {
        foreach (int cpu in a.Cpus) if (b.Contains(cpu)) return true;
        return false;
    }

    private static void Range(ConfigErrors errors, string path, long value, long min, long max)
    {
        if (value < min || value > max) errors.Add(path, $"must be from {min} to {max} (was {value})");
    }
}
