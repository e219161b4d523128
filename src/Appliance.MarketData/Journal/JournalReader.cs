namespace Appliance.MarketData.Journal;

/// <summary>Finds a journal's segments and reads them in order.</summary>
public static class JournalReader
{
    /// <summary>The segment files of <paramref name="prefix"/> in <paramref name="directory"/>, in index order.</summary>
    public static IReadOnlyList<string> FindSegments(string directory, string prefix = "md") =>
        System.IO.Directory.GetFiles(directory, $"{prefix}-*{JournalFormat.FileExtension}")
            .Where(p => IsSegmentName(System.IO.Path.GetFileName(p), prefix))
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static bool IsSegmentName(string name, string prefix)
    {
        string digits = name[(prefix.Length + 1)..^JournalFormat.FileExtension.Length];
        return digits.Length == 6 && digits.All(char.IsAsciiDigit);
    }

    /// <summary>
    /// Calls <paramref name="onRecord"/> for every good record of every segment in order, and
    /// <paramref name="onProblem"/> for each damaged record and torn tail (path, status, offset).
    /// Returns the number of good records.
    /// </summary>
    public static long ReadAll(IEnumerable<string> segments, Action<JournalRecord> onRecord, Action<string, JournalReadStatus, long>? onProblem = null)
    {
        long count = 0;
        foreach (string path in segments)
        {
            using var reader = new JournalSegmentReader(path);
            while (true)
            {
                JournalReadStatus status = reader.ReadNext(out JournalRecord record);
                if (status == JournalReadStatus.Record) { onRecord(record); count++; continue; }
                if (status == JournalReadStatus.End) break;
                onProblem?.Invoke(path, status, record.Offset);
                if (status == JournalReadStatus.TornTail || reader.Offset >= new FileInfo(path).Length) break;
            }
        }
        return count;
    }
}
