namespace Appliance.MarketData.Books;

/// <summary>The outcome of changing a book. Anything but Ok means the book no longer mirrors the venue: resync.</summary>
public enum BookUpdateResult : byte
{
    Ok = 0,
    /// <summary>Best bid at or above best ask after the update.</summary>
    Crossed,
    /// <summary>A price that is not positive or a negative quantity: the input cannot be from a sane venue.</summary>
    InvalidLevel,
    /// <summary>A snapshot whose levels are not strictly sorted best-first.</summary>
    Unsorted,
}
