namespace Appliance.Trading.Bars;

public enum BarKind : byte
{
    /// <summary>Closes when event time reaches the end of its interval (aligned to multiples of the interval since the Unix epoch).</summary>
    Time,
    /// <summary>Closes on its N-th trade.</summary>
    Tick,
    /// <summary>Closes on the trade that brings its volume to at least N quantity units (that trade is not split).</summary>
    Volume,
}
