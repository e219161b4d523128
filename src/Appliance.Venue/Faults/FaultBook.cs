namespace Appliance.Venue.Faults;

/// <summary>Every fault record of the venue's life, numbered in creation order.</summary>
public sealed class FaultBook
{
    private readonly object _gate = new();
    private readonly List<FaultRecord> _records = [];

    public FaultRecord Create(FaultSpec spec, string channel, int connectionId)
    {
        lock (_gate)
        {
            var record = new FaultRecord(_records.Count + 1, spec, channel, connectionId);
            _records.Add(record);
            return record;
        }
    }

    public IReadOnlyList<FaultRecord> All
    {
        get { lock (_gate) return _records.ToArray(); }
    }

    public FaultRecord? Find(int id)
    {
        lock (_gate) return id >= 1 && id <= _records.Count ? _records[id - 1] : null;
    }
}
