namespace Appliance.Logging.Sinks;

/// <summary>Opening a log file for appending, and repairing the one thing a kill can leave behind.</summary>
internal static class LogFile
{
    /// <summary>
    /// Opens (creating directories) for unbuffered appends: our batches are the buffer, and each Write is one
    /// write() of whole lines. A file ending in a partial line is cut back to its last newline first: the
    /// kernel can stop a write() at a page boundary if SIGKILL lands during that very call.
    /// </summary>
    public static FileStream OpenForAppend(string path, out long repairedBytes)
    {
        string? directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite,
            FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        try
        {
            repairedBytes = RepairTail(file);
            file.Seek(0, SeekOrigin.End);
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static long RepairTail(FileStream file)
    {
        long length = file.Length;
        if (length == 0) return 0;
        Span<byte> last = stackalloc byte[1];
        file.Position = length - 1;
        file.ReadExactly(last);
        if (last[0] == (byte)'\n') return 0;

        var chunk = new byte[64 * 1024];
        long end = length;
        while (end > 0)
        {
            int size = (int)Math.Min(chunk.Length, end);
            file.Position = end - size;
            file.ReadExactly(chunk, 0, size);
            int newline = chunk.AsSpan(0, size).LastIndexOf((byte)'\n');
            if (newline >= 0)
            {
                long keep = end - size + newline + 1;
                file.SetLength(keep);
                return length - keep;
            }
            end -= size;
        }
        file.SetLength(0);
        return length;
    }
}
