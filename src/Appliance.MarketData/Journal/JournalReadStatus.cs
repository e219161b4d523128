namespace Appliance.MarketData.Journal;

public enum JournalReadStatus : byte
{
    /// <summary>A whole record whose CRC matches.</summary>
    Record = 0,
    /// <summary>The segment ended exactly after a record.</summary>
    End,
    /// <summary>The segment ends inside a record (a crash mid-write): every record before it is whole.</summary>
    TornTail,
    /// <summary>A record whose CRC does not match (offset of its first byte). Reading continues after it if its length is plausible.</summary>
    CrcMismatch,
}
