namespace Appliance.MarketData.Journal;

/// <summary>When the journal writer forces data to disk (fsync). Data always reaches the OS promptly; this is about power loss.</summary>
public enum FsyncPolicy : byte
{
    /// <summary>Only at segment roll and close. Fastest; a power cut loses what the OS had not written.</summary>
    Never = 0,
    /// <summary>At most every <see cref="JournalWriterOptions.FsyncInterval"/>, when something was written since.</summary>
    Interval,
    /// <summary>After every record. Durable, and slow: for low-rate feeds or tests.</summary>
    EveryRecord,
}
