namespace Appliance.Hosting.Config;

/// <summary>
/// The `session` section: the exchange's trading hours in its own time zone. The daemon stops new entries and
/// flattens <paramref name="FlattenBeforeCloseSeconds"/> before the close and exits 0 at the close.
/// </summary>
/// <param name="TimeZone">IANA zone of the exchange ("Asia/Kolkata", "America/New_York"); the session follows its DST.</param>
/// <param name="Open">Opening time "HH:mm" or "HH:mm:ss", exchange time.</param>
/// <param name="Close">Closing time, exchange time; earlier than <paramref name="Open"/> means the next day.</param>
/// <param name="Days">Trading days (of the open): Mon, Tue, Wed, Thu, Fri, Sat, Sun.</param>
/// <param name="FlattenBeforeCloseSeconds">Stop new entries and flatten this long before the close; 0 at the close.</param>
/// <param name="StopAtClose">Exit 0 at the close (the market-close stop; see docs/operations.md).</param>
/// <param name="PreOpenMinutes">How early before the open a start counts as this session's; a start outside
/// [open − this, close) of a trading day exits 0 at once (a Persistent= timer catching up on a holiday).</param>
// Zone, open and close are required, but checked by the validator rather than the binder, so a session
// missing its close still has its other keys checked in the same run.
public sealed record SessionConfig(
    string? TimeZone = null,
    string? Open = null,
    string? Close = null,
    IReadOnlyList<string>? Days = null,
    int FlattenBeforeCloseSeconds = 300,
    bool StopAtClose = true,
    int PreOpenMinutes = 30)
{
    public string TimeZone { get; init; } = TimeZone ?? "";
    public string Open { get; init; } = Open ?? "";
    public string Close { get; init; } = Close ?? "";
    public IReadOnlyList<string> Days { get; init; } = Days ?? ["Mon", "Tue", "Wed", "Thu", "Fri"];
}
