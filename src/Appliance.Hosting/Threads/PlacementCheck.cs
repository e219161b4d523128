namespace Appliance.Hosting.Threads;

/// <summary>One finding about where and how the hot threads run: shown at start, in `ctl health`, fatal when required.</summary>
/// <param name="Name">Short key ("isolation", "governor", "fifo", ...).</param>
/// <param name="Required">The config requires this to hold: the daemon refuses to start without it.</param>
public sealed record PlacementCheck(string Name, bool Ok, bool Required, string Detail)
{
    public bool IsError => !Ok && Required;

    public override string ToString() => $"{Name}: {Detail}";
}
