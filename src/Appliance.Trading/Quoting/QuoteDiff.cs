namespace Appliance.Trading.Quoting;

/// <summary>What reconciling one side of one instrument's quotes asks for.</summary>
public enum QuoteAction : byte
{
    Keep,
    Insert,
    Amend,
    Cancel,
}

/// <summary>One step of a quote diff: for Insert the wanted level; for Amend and Cancel the live order and (amend) its new price and quantity.</summary>
public struct QuoteStep
{
    public QuoteAction Action;
    public int Level;
    public long LocalId;
    public long Price;
    public long Quantity;
}

/// <summary>
/// The diff between wanted and live resting orders of one side, in O(n) over levels sorted best-first:
/// a merge pairs orders already at a wanted price (kept, or amended in size only); the rest are paired in
/// order (amended in price and size: one request instead of a cancel and an insert); live orders left over
/// are cancelled and wanted levels left over inserted. That is the fewest requests: every live order that
/// can serve a wanted level does. Steps come out cancels first, then amends, then inserts, so exposure
/// shrinks before it grows when the rate limit stops the list part way.
/// </summary>
public static class QuoteDiff
{
    /// <param name="wanted">Wanted levels, best first (bids descending, asks ascending).</param>
    /// <param name="live">Live orders, best first; <see cref="QuoteLevel.Busy"/> ones are matched if they can be but never changed.</param>
    /// <param name="descending">True for bids.</param>
    /// <param name="steps">Receives the steps; needs wanted.Length + live.Length slots.</param>
    public static int Compute(Span<QuoteLevel> wanted, Span<QuoteLevel> live, bool descending, Span<QuoteStep> steps)
    {
        for (int i = 0; i < wanted.Length; i++) wanted[i].Matched = false;
        for (int i = 0; i < live.Length; i++) live[i].Matched = false;

        // Same price: keep or resize.
        int w = 0, l = 0;
        while (w < wanted.Length && l < live.Length)
        {
            long a = wanted[w].Price, b = live[l].Price;
            if (a == b)
            {
                wanted[w].Matched = true;
                live[l].Matched = true;
                w++;
                l++;
            }
            else if (descending ? a > b : a < b) w++;
            else l++;
        }

        int n = 0;
        // Cancels: a live order left over once every unmatched wanted level has a partner.
        int unmatchedWanted = 0;
        for (int i = 0; i < wanted.Length; i++) if (!wanted[i].Matched) unmatchedWanted++;
        int spare = 0;
        for (int i = 0; i < live.Length; i++)
        {
            if (live[i].Matched) continue;
            if (spare++ < unmatchedWanted) continue; // will be amended onto a wanted level
            if (!live[i].Busy) steps[n++] = new QuoteStep { Action = QuoteAction.Cancel, LocalId = live[i].LocalId };
        }

        // Amends: size changes at a matched price, then unmatched pairs in order.
        l = 0;
        for (int i = 0; i < wanted.Length; i++)
        {
            if (!wanted[i].Matched) continue;
            while (!live[l].Matched || live[l].Price != wanted[i].Price) l++;
            if (live[l].Quantity != wanted[i].Quantity && !live[l].Busy)
                steps[n++] = new QuoteStep { Action = QuoteAction.Amend, Level = i, LocalId = live[l].LocalId, Price = wanted[i].Price, Quantity = wanted[i].Quantity };
            l++;
        }
        l = 0;
        Span<int> insertLevels = stackalloc int[wanted.Length];
        int insertCount = 0;
        for (int i = 0; i < wanted.Length; i++)
        {
            if (wanted[i].Matched) continue;
            while (l < live.Length && live[l].Matched) l++;
            if (l < live.Length)
            {
                if (!live[l].Busy)
                    steps[n++] = new QuoteStep { Action = QuoteAction.Amend, Level = i, LocalId = live[l].LocalId, Price = wanted[i].Price, Quantity = wanted[i].Quantity };
                l++;
            }
            else
            {
                insertLevels[insertCount++] = i;
            }
        }
        for (int k = 0; k < insertCount; k++)
        {
            int i = insertLevels[k];
            steps[n++] = new QuoteStep { Action = QuoteAction.Insert, Level = i, Price = wanted[i].Price, Quantity = wanted[i].Quantity };
        }
        return n;
    }
}
