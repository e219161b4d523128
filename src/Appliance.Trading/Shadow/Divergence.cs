using Appliance.Trading.Exits;
using Appliance.Trading.Strategies;

namespace Appliance.Trading.Shadow;

/// <summary>One event at which the shadow strategy decided differently from the live one (the first differing decision of each).</summary>
public struct Divergence
{
    public long EventIndex;
    public long TimeNs;
    public int InstrumentId;
    public int LiveCount;
    public int ShadowCount;
    public Intent Live;
    public Intent Shadow;
    public ExitReason LiveExit;
    public ExitReason ShadowExit;

    public readonly string Describe(Func<int, string> symbol)
    {
        string live = LiveExit != ExitReason.None ? $"exit {LiveExit}" : LiveCount == 0 ? "nothing" : Text(Live, LiveCount, symbol);
        string shadow = ShadowExit != ExitReason.None ? $"exit {ShadowExit}" : ShadowCount == 0 ? "nothing" : Text(Shadow, ShadowCount, symbol);
        return $"event {EventIndex} ({symbol(InstrumentId)}): live {live}, shadow {shadow}";
    }

    private static string Text(in Intent i, int count, Func<int, string> symbol)
    {
        string first = i.Kind switch
        {
            IntentKind.TargetPosition => $"target {i.Quantity}",
            IntentKind.Order => $"{i.Side} {i.Quantity}@{i.Price}",
            IntentKind.Quote => $"quote {i.Side} L{i.Level} {i.Quantity}@{i.Price}",
            _ => i.Kind.ToString(),
        };
        return count > 1 ? $"{first} (+{count - 1} more)" : first;
    }
}
