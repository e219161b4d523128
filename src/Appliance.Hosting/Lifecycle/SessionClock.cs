using Appliance.Hosting.Config;

namespace Appliance.Hosting.Lifecycle;

/// <summary>
/// The daemon's trading session in wall-clock time: which session a start belongs to, when to flatten and
/// when to stop. Times are the exchange's local times in its IANA zone, so DST moves them correctly; a local
/// time that does not exist (the spring-forward hour) is taken an hour later.
/// </summary>
public sealed class SessionClock
{
    private readonly SessionConfig _config;
    private readonly TimeZoneInfo _zone;
    private readonly TimeOnly _open;
    private readonly TimeOnly _close;
    private readonly bool[] _days = new bool[7];

    /// <summary>From a validated session section.</summary>
    public SessionClock(SessionConfig config)
    {
        _config = config;
        _zone = TimeZoneInfo.FindSystemTimeZoneById(config.TimeZone);
        if (!ConfigText.TryParseTimeOfDay(config.Open, out _open) || !ConfigText.TryParseTimeOfDay(config.Close, out _close))
            throw new ArgumentException("session open/close are not times of day (validate the config first)", nameof(config));
        foreach (string d in config.Days)
            if (ConfigText.TryParseDay(d, out DayOfWeek day)) _days[(int)day] = true;
    }

    public TimeZoneInfo Zone => _zone;

    /// <summary>
    /// The session a process started at <paramref name="now"/> serves: one that is open, or opens within
    /// PreOpenMinutes. False outside every session (the daemon then exits 0).
    /// </summary>
    public bool TryGetSession(DateTimeOffset now, out SessionWindow window)
    {
        DateTime localDate = TimeZoneInfo.ConvertTime(now, _zone).Date;
        TimeSpan preOpen = TimeSpan.FromMinutes(_config.PreOpenMinutes);
        // Yesterday's session may run past midnight into today; today's may not have opened yet.
        for (int offset = -1; offset <= 1; offset++)
        {
            DateTime date = localDate.AddDays(offset);
            if (!_days[(int)date.DayOfWeek]) continue;
            SessionWindow w = WindowOn(date);
            if (now >= w.Open - preOpen && now < w.Close)
            {
                window = w;
                return true;
            }
        }
        window = default;
        return false;
    }

    /// <summary>The next session whose open is after <paramref name="now"/> (for messages: "next session opens ...").</summary>
    public SessionWindow Next(DateTimeOffset now)
    {
        DateTime localDate = TimeZoneInfo.ConvertTime(now, _zone).Date;
        for (int offset = 0; offset <= 8; offset++)
        {
            DateTime date = localDate.AddDays(offset);
            if (!_days[(int)date.DayOfWeek]) continue;
            SessionWindow w = WindowOn(date);
            if (w.Open > now) return w;
        }
        throw new InvalidOperationException("no trading day configured");
    }

    private SessionWindow WindowOn(DateTime localDate)
    {
        DateTime openLocal = localDate + _open.ToTimeSpan();
        DateTime closeLocal = localDate + _close.ToTimeSpan();
        if (_close <= _open) closeLocal = closeLocal.AddDays(1);
        DateTimeOffset open = ToUtc(openLocal);
        DateTimeOffset close = ToUtc(closeLocal);
        DateTimeOffset flatten = close - TimeSpan.FromSeconds(_config.FlattenBeforeCloseSeconds);
        return new SessionWindow(open, flatten < open ? open : flatten, close);
    }

    private DateTimeOffset ToUtc(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (_zone.IsInvalidTime(local)) local = local.AddHours(1);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, _zone), TimeSpan.Zero);
    }
}
