namespace Appliance.Hosting.Lifecycle;

/// <summary>One trading session in UTC: when it opens, when entries stop and positions are flattened, when it closes.</summary>
public readonly record struct SessionWindow(DateTimeOffset Open, DateTimeOffset FlattenAt, DateTimeOffset Close)
{
    public override string ToString() => $"{Open:yyyy-MM-dd HH:mm:ss}Z .. {Close:yyyy-MM-dd HH:mm:ss}Z (flatten at {FlattenAt:HH:mm:ss}Z)";
}
