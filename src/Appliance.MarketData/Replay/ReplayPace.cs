using System.Globalization;

namespace Appliance.MarketData.Replay;

/// <summary>How fast a replay feeds records: as fast as possible, or at the recorded pace times a factor.</summary>
public readonly record struct ReplayPace(double Speed)
{
    /// <summary>No waiting at all.</summary>
    public static ReplayPace Max => new(0);

    /// <summary>The recorded receive times, as they were.</summary>
    public static ReplayPace Realtime => new(1);

    public bool IsMax => Speed <= 0;

    /// <summary>"max", "realtime", or "xN" (N &gt; 0, e.g. "x10", "x0.5").</summary>
    public static bool TryParse(string? text, out ReplayPace pace)
    {
        pace = Max;
        switch (text)
        {
            case "max": return true;
            case "realtime": pace = Realtime; return true;
        }
        if (text is { Length: > 1 } && (text[0] == 'x' || text[0] == 'X')
            && double.TryParse(text.AsSpan(1), NumberStyles.Float, CultureInfo.InvariantCulture, out double speed)
            && speed > 0 && double.IsFinite(speed))
        {
            pace = new ReplayPace(speed);
            return true;
        }
        return false;
    }

    public override string ToString() => IsMax ? "max" : Speed == 1 ? "realtime" : $"x{Speed.ToString(CultureInfo.InvariantCulture)}";
}
