namespace Appliance.Admin.Client;

/// <summary>Columns aligned for a terminal: two spaces apart, numbers right-aligned, text left-aligned, no trailing spaces.</summary>
public sealed class TextTable
{
    private readonly string[] _headers;
    private readonly List<string[]> _rows = new();

    public TextTable(params string[] headers) => _headers = headers;

    public int RowCount => _rows.Count;

    public TextTable AddRow(params string[] cells)
    {
        if (cells.Length != _headers.Length) throw new ArgumentException($"{cells.Length} cells for {_headers.Length} columns", nameof(cells));
        _rows.Add(cells);
        return this;
    }

    /// <summary>
    /// Writes the table; <paramref name="headers"/> false leaves out the header row and aligns every column
    /// left (key/value lists read better with values flush against their keys).
    /// </summary>
    public void Write(TextWriter output, string indent = "", bool headers = true)
    {
        int columns = _headers.Length;
        var width = new int[columns];
        var numeric = new bool[columns];
        for (int c = 0; c < columns; c++)
        {
            width[c] = headers ? _headers[c].Length : 0;
            bool anyValue = false, allNumbers = true;
            foreach (var row in _rows)
            {
                width[c] = Math.Max(width[c], row[c].Length);
                if (row[c].Length == 0) continue;
                anyValue = true;
                allNumbers &= LooksNumeric(row[c]);
            }
            numeric[c] = headers && anyValue && allNumbers;
        }
        if (headers) WriteRow(output, indent, _headers, width, numeric);
        foreach (var row in _rows) WriteRow(output, indent, row, width, numeric);
    }

    private static void WriteRow(TextWriter output, string indent, string[] cells, int[] width, bool[] numeric)
    {
        var line = new System.Text.StringBuilder(indent);
        for (int c = 0; c < cells.Length; c++)
        {
            if (c > 0) line.Append("  ");
            bool last = c == cells.Length - 1;
            if (numeric[c]) line.Append(cells[c].PadLeft(width[c]));
            else line.Append(last ? cells[c] : cells[c].PadRight(width[c]));
        }
        output.WriteLine(line.ToString().TrimEnd());
    }

    private static bool LooksNumeric(string s) =>
        double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);
}
