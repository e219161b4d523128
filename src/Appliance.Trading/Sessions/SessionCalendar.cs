using System.Globalization;
using System.Runtime.CompilerServices;
using Appliance.Trading.Config;

namespace Appliance.Trading.Sessions;

/// <summary>
/// Where an event time falls in the configured daily sessions. Time comes from events only, so the same
/// recorded session replays to the same phases. The session containing the last time looked up is cached:
/// the common lookup is two compares; crossing into another session takes the slow path (time-zone
/// arithmetic, twice a day). The trading day (daily loss, VWAP anchor) starts at each session's start;
/// without a configured session every UTC day is one session with no closing window.
/// </summary>
public sealed class SessionCalendar
{
    private const long NsPerMinute = 60_000_000_000L;

    private readonly TimeZoneInfo _zone;
    private readonly TimeSpan _startOfDay;
    private readonly TimeSpan _endOfDay;
    private readonly bool[] _days = new bool[7];
    private readonly long _closingNs;

    private long _start = long.MaxValue; // cached: latest session start ≤ the last time looked up
    private long _end;                    // its end
    private long _nextStart = long.MinValue;

    public SessionCalendar(SessionConfig? config)
    {
        config ??= new SessionConfig { ForcedExitMinutes = 0 };
        _zone = TimeZoneInfo.FindSystemTimeZoneById(config.TimeZone);
        _startOfDay = ParseTimeOfDay(config.Start, "start");
        _endOfDay = ParseTimeOfDay(config.End, "end");
        if (config.Days.Count == 0) Array.Fill(_days, true);
        foreach (string day in config.Days)
            _days[(int)(ParseDay(day) ?? throw new FormatException($"Session day '{day}' is not a day of the week (Mon..Sun)."))] = true;
        _closingNs = config.ForcedExitMinutes * NsPerMinute;
    }

    /// <summary>"Mon".."Sun" or full English names, any case; null when neither.</summary>
    public static DayOfWeek? ParseDay(string text)
    {
        foreach (DayOfWeek day in Enum.GetValues<DayOfWeek>())
        {
            string name = day.ToString();
            if (string.Equals(text, name, StringComparison.OrdinalIgnoreCase) || string.Equals(text, name[..3], StringComparison.OrdinalIgnoreCase)) return day;
        }
        return null;
    }

    public static TimeSpan ParseTimeOfDay(string text, string what)
    {
        if (!TimeSpan.TryParseExact(text, @"hh\:mm", CultureInfo.InvariantCulture, out TimeSpan value) || value >= TimeSpan.FromDays(1))
            throw new FormatException($"Session {what} '{text}' is not a time of day HH:mm.");
        return value;
    }

    /// <summary>Start (Unix ns) of the session the last lookup fell in or after: the current trading day's anchor.</summary>
    public long SessionStartNs => _start;

    /// <summary>End (Unix ns) of that session.</summary>
    public long SessionEndNs => _end;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public SessionPhase PhaseAt(long timeNs)
    {
        if (timeNs < _start || timeNs >= _nextStart) Locate(timeNs);
        if (timeNs >= _end) return SessionPhase.Closed;
        return timeNs >= _end - _closingNs ? SessionPhase.Closing : SessionPhase.Open;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Locate(long timeNs)
    {
        DateTime utc = DateTime.UnixEpoch.AddTicks(timeNs / 100);
        DateTime localDate = TimeZoneInfo.ConvertTimeFromUtc(utc, _zone).Date;
        long latestStart = long.MinValue, latestEnd = long.MinValue, nextStart = long.MaxValue;
        // A week back covers any gap between configured days; a week ahead finds the next session.
        for (int offset = -8; offset <= 8; offset++)
        {
            DateTime date = localDate.AddDays(offset);
            if (!_days[(int)date.DayOfWeek]) continue;
            long start = ToUnixNs(date + _startOfDay);
            DateTime endLocal = date + _endOfDay;
            if (_endOfDay <= _startOfDay) endLocal = endLocal.AddDays(1);
            long end = ToUnixNs(endLocal);
            if (start <= timeNs) { latestStart = start; latestEnd = end; }
            else if (start < nextStart) nextStart = start;
        }
        _start = latestStart;
        _end = latestEnd;
        _nextStart = nextStart;
    }

    private long ToUnixNs(DateTime local)
    {
        // A wall time skipped by a daylight-saving jump starts at the first valid minute after it.
        while (_zone.IsInvalidTime(local)) local = local.AddMinutes(1);
        DateTime utc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), _zone);
        return (utc - DateTime.UnixEpoch).Ticks * 100;
    }
}
