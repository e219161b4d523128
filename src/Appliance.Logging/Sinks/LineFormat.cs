namespace Appliance.Logging.Sinks;

/// <summary>How a sink's lines look (docs/logging.md shows each byte for byte).</summary>
public enum LineFormat
{
    /// <summary><c>2026-11-21T14:13:43.123456Z INF Feed fill 42 px=101.25 qty=3</c></summary>
    Text,

    /// <summary>One JSON object per line: <c>{"ts":"...","level":"INF","category":"Feed","msg":"..."}</c></summary>
    Json,

    /// <summary>Text with the syslog priority in front, for systemd's stdout capture: <c>&lt;6&gt;2026-...Z INF Feed ...</c></summary>
    Journald,
}
