using Appliance.Trading.Config;
using Appliance.Trading.Sessions;

namespace Appliance.Trading.Tests.Sessions;

public class SessionCalendarTests
{
    private static long Utc(int y, int mo, int d, int h, int mi) => (new DateTime(y, mo, d, h, mi, 0, DateTimeKind.Utc) - DateTime.UnixEpoch).Ticks * 100;

    [Test]
    public void Utc_window_with_closing_minutes()
    {
        var cal = new SessionCalendar(new SessionConfig { Start = "09:00", End = "17:00", ForcedExitMinutes = 10 });
        Assert.That(cal.PhaseAt(Utc(2024, 6, 3, 8, 59)), Is.EqualTo(SessionPhase.Closed));
        Assert.That(cal.PhaseAt(Utc(2024, 6, 3, 9, 0)), Is.EqualTo(SessionPhase.Open));
        Assert.That(cal.SessionStartNs, Is.EqualTo(Utc(2024, 6, 3, 9, 0)));
        Assert.That(cal.PhaseAt(Utc(2024, 6, 3, 16, 49)), Is.EqualTo(SessionPhase.Open));
        Assert.That(cal.PhaseAt(Utc(2024, 6, 3, 16, 50)), Is.EqualTo(SessionPhase.Closing));
        Assert.That(cal.PhaseAt(Utc(2024, 6, 3, 17, 0)), Is.EqualTo(SessionPhase.Closed));
        Assert.That(cal.PhaseAt(Utc(2024, 6, 4, 9, 30)), Is.EqualTo(SessionPhase.Open));
        Assert.That(cal.SessionStartNs, Is.EqualTo(Utc(2024, 6, 4, 9, 0)));
    }

    [Test]
    public void Overnight_window_spans_midnight()
    {
        var cal = new SessionCalendar(new SessionConfig { Start = "22:00", End = "02:00", ForcedExitMinutes = 0 });
        Assert.That(cal.PhaseAt(Utc(2024, 6, 4, 1, 0)), Is.EqualTo(SessionPhase.Open));
        Assert.That(cal.SessionStartNs, Is.EqualTo(Utc(2024, 6, 3, 22, 0)));
        Assert.That(cal.PhaseAt(Utc(2024, 6, 4, 3, 0)), Is.EqualTo(SessionPhase.Closed));
    }

    [Test]
    public void New_york_cash_session_follows_daylight_saving_and_skips_weekends()
    {
        var cal = new SessionCalendar(new SessionConfig
        {
            TimeZone = "America/New_York", Start = "09:30", End = "16:00", ForcedExitMinutes = 5,
            Days = ["Mon", "Tue", "wed", "Thursday", "Fri"],
        });
        Assert.That(cal.PhaseAt(Utc(2024, 1, 8, 14, 30)), Is.EqualTo(SessionPhase.Open), "EST: 09:30 is 14:30 UTC");
        Assert.That(cal.PhaseAt(Utc(2024, 7, 8, 13, 30)), Is.EqualTo(SessionPhase.Open), "EDT: 09:30 is 13:30 UTC");
        Assert.That(cal.PhaseAt(Utc(2024, 7, 8, 19, 56)), Is.EqualTo(SessionPhase.Closing));
        Assert.That(cal.PhaseAt(Utc(2024, 7, 6, 15, 0)), Is.EqualTo(SessionPhase.Closed), "Saturday");
        Assert.That(cal.SessionStartNs, Is.EqualTo(Utc(2024, 7, 5, 13, 30)), "the last session was Friday's");
    }

    [Test]
    public void No_session_means_every_utc_day_open_without_closing_minutes()
    {
        var cal = new SessionCalendar(null);
        Assert.That(cal.PhaseAt(Utc(2024, 6, 3, 23, 59)), Is.EqualTo(SessionPhase.Open));
        Assert.That(cal.SessionStartNs, Is.EqualTo(Utc(2024, 6, 3, 0, 0)));
        Assert.That(cal.PhaseAt(Utc(2024, 6, 4, 0, 0)), Is.EqualTo(SessionPhase.Open));
        Assert.That(cal.SessionStartNs, Is.EqualTo(Utc(2024, 6, 4, 0, 0)));
    }

    [Test]
    public void Bad_time_of_day_names_the_field()
    {
        var e = Assert.Throws<FormatException>(() => new SessionCalendar(new SessionConfig { Start = "9am" }))!;
        Assert.That(e.Message, Does.Contain("start").And.Contain("9am"));
    }
}
