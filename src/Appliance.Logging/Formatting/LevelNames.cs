namespace Appliance.Logging.Formatting;

/// <summary>Three-letter level names and syslog priorities (RFC 5424) as UTF-8.</summary>
internal static class LevelNames
{
    private static readonly byte[][] Short =
        ["TRC"u8.ToArray(), "DBG"u8.ToArray(), "INF"u8.ToArray(), "WRN"u8.ToArray(), "ERR"u8.ToArray(), "CRT"u8.ToArray(), "OFF"u8.ToArray()];

    // debug(7) for Trace and Debug, info(6), warning(4), err(3), crit(2).
    private static readonly byte[][] Priority =
        ["<7>"u8.ToArray(), "<7>"u8.ToArray(), "<6>"u8.ToArray(), "<4>"u8.ToArray(), "<3>"u8.ToArray(), "<2>"u8.ToArray(), "<6>"u8.ToArray()];

    public static ReadOnlySpan<byte> ShortName(int level) => Short[(uint)level < 7 ? level : 6];
    public static ReadOnlySpan<byte> SyslogPriority(int level) => Priority[(uint)level < 7 ? level : 6];
}
