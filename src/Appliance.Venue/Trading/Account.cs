namespace Appliance.Venue.Trading;

/// <summary>An account (the login key): its orders by client order id, its positions, and the connections logged in to it.</summary>
internal sealed class Account(string name)
{
    public string Name { get; } = name;

    /// <summary>Every order ever inserted, by client order id: ids are unique per account for the life of the venue.</summary>
    public Dictionary<long, Order> ByClientId { get; } = new();

    public Dictionary<int, Position> Positions { get; } = new();

    public List<OrderEntryConnection> Sessions { get; } = [];
}
