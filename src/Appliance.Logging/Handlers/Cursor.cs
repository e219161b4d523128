namespace Appliance.Logging.Handlers;

/// <summary>The handler's write position and fast-path limit after a slow path that wrote an argument itself.</summary>
internal readonly unsafe struct Cursor
{
    public Cursor(byte* pos, byte* end)
    {
        Pos = pos;
        End = end;
    }

    public readonly byte* Pos;
    public readonly byte* End;
}
