using Appliance.Hosting.Config;
using Appliance.Hosting.Lifecycle;

namespace Appliance.Hosting.Tests.Lifecycle;

public class SessionClockTests
{
    private static readonly SessionConfig Nse = new("Asia/Kolkata", "09:15", "15:30", FlattenBeforeCloseSeconds: 300, PreOpenMinutes: 30);

    private static DateTimeOffset Utc(string s) => DateTimeOffset.Parse(s + "Z", System.Globalization.CultureInfo.InvariantCulture);

    [Test]
    public void A_start_just_before_the_open_belongs_to_that_session_in_exchange_time()
    {
        var clock = new SessionClock(Nse);
        // Monday 2026-11-23 09:14 IST = 03:44 UTC (the timer's start).
        Assert.That(clock.TryGetSession(Utc("2026-11-23T03:44:00"), out SessionWindow w), Is.True);
        Assert.That(w.Open, Is.EqualTo(Utc("2026-11-23T03:45:00")));
        Assert.That(w.Close, Is.EqualTo(Utc("2026-11-23T10:00:00")));
        Assert.That(w.FlattenAt, Is.EqualTo(Utc("2026-11-23T09:55:00")));
    }

    [Test]
    public void Outside_the_session_and_on_days_off_there_is_nothing_to_run()
    {
        var clock = new SessionClock(Nse);
        Assert.That(clock.TryGetSession(Utc("2026-11-23T03:00:00"), out _), Is.False, "45 min before the open: before the pre-open window");
        Assert.That(clock.TryGetSession(Utc("2026-11-23T10:00:00"), out _), Is.False, "at the close");
        Assert.That(clock.TryGetSession(Utc("2026-11-22T05:00:00"), out _), Is.False, "a Sunday");
        Assert.That(clock.Next(Utc("2026-11-21T12:00:00")).Open, Is.EqualTo(Utc("2026-11-23T03:45:00")), "Saturday → Monday");
    }

    [Test]
    public void An_overnight_session_runs_into_the_next_day()
    {
        var clock = new SessionClock(new SessionConfig("UTC", "22:00", "02:00", ["Mon", "Tue", "Wed", "Thu", "Fri"], FlattenBeforeCloseSeconds: 600));
        Assert.That(clock.TryGetSession(Utc("2026-11-24T01:00:00"), out SessionWindow w), Is.True, "Tuesday 01:00 is Monday's session");
        Assert.That(w.Open, Is.EqualTo(Utc("2026-11-23T22:00:00")));
        Assert.That(w.Close, Is.EqualTo(Utc("2026-11-24T02:00:00")));
        Assert.That(w.FlattenAt, Is.EqualTo(Utc("2026-11-24T01:50:00")));
    }

    [Test]
    public void The_session_follows_the_exchange_across_daylight_saving()
    {
        var clock = new SessionClock(new SessionConfig("America/New_York", "09:30", "16:00", FlattenBeforeCloseSeconds: 0));
        Assert.That(clock.TryGetSession(Utc("2026-07-01T14:00:00"), out SessionWindow summer), Is.True);
        Assert.That(summer.Open, Is.EqualTo(Utc("2026-07-01T13:30:00")), "EDT, UTC-4");
        Assert.That(clock.TryGetSession(Utc("2026-12-01T15:00:00"), out SessionWindow winter), Is.True);
        Assert.That(winter.Open, Is.EqualTo(Utc("2026-12-01T14:30:00")), "EST, UTC-5");
    }
}
