namespace Appliance.Logging.Handlers;

/// <summary>
/// What an append's slow path decided, returned in registers: the handler's new fast-path limit and how many
/// units of the argument to write (-1: skip it, the record is dropped or truncated).
/// </summary>
internal readonly unsafe struct Room
{
    public Room(byte* end, int units)
    {
        End = end;
        Units = units;
    }

    public readonly byte* End;
    public readonly int Units;

    public static Room Skip => new(null, -1);
}
