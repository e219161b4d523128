namespace Appliance.Venue.Trading;

/// <summary>One order of one account. Generator thread only (the matching engine runs there).</summary>
internal sealed class Order
{
    public required string OrderId { get; init; }
    public required long ClientOrderId { get; init; }
    public required Account Account { get; init; }
    public required int Instrument { get; init; }
    public required bool Buy { get; init; }
    public required bool Market { get; init; }
    public required bool ImmediateOrCancel { get; init; }
    public required bool PostOnly { get; init; }
    public required long CreateTimeNs { get; init; }
    /// <summary>Insertion order, for time priority among resting orders at one price.</summary>
    public required long Sequence { get; set; }

    /// <summary>Limit price in price units (0 for market orders).</summary>
    public long Price { get; set; }

    /// <summary>Total amount in quantity units (amend may change it).</summary>
    public long Amount { get; set; }

    public long Filled { get; set; }

    /// <summary>Σ price × quantity of the fills, in price units × quantity units.</summary>
    public Int128 FilledNotional { get; set; }

    public OrderStatus Status { get; set; } = OrderStatus.Open;

    public string ChangeReason { get; set; } = "insert";

    public long TimeNs { get; set; }

    public long Remaining => Amount - Filled;

    public bool IsOpen => Status is OrderStatus.Open or OrderStatus.PartiallyFilled;
}
