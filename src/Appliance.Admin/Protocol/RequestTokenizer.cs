using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Appliance.Admin.Protocol;

/// <summary>
/// Splits a request line into words: runs of characters separated by spaces or tabs; double quotes group
/// words with spaces (<c>halt "feed looks wrong"</c>), and inside quotes <c>\"</c> and <c>\\</c> escape.
/// Everything that is not a well-formed line of UTF-8 text is a <see cref="AdminErrorCode.BadRequest"/>
/// naming the byte offset, so binary garbage is answered, never guessed at.
/// </summary>
public static class RequestTokenizer
{
    /// <summary>More words than any verb takes: the rest of the line is refused rather than parsed.</summary>
    public const int MaxWords = 64;

    /// <summary>The words of <paramref name="line"/> (no LF; a trailing CR is ignored). Empty for a blank line.</summary>
    /// <exception cref="AdminException">bad_request: invalid UTF-8, a control character, an unterminated quote, too many words.</exception>
    public static List<string> Tokenize(ReadOnlySpan<byte> line)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\r') line = line[..^1];

        if (!Utf8.IsValid(line))
        {
            int offset = FirstInvalidUtf8Offset(line);
            throw new AdminException(AdminErrorCode.BadRequest, $"the request is not valid UTF-8 (byte {offset})");
        }
        for (int i = 0; i < line.Length; i++)
        {
            byte b = line[i];
            if ((b < 0x20 && b != (byte)'\t') || b == 0x7F)
                throw new AdminException(AdminErrorCode.BadRequest, $"control character 0x{b:X2} at byte {i}: a request is one line of text");
        }

        string text = Encoding.UTF8.GetString(line);
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        int pos = 0;
        while (pos < text.Length)
        {
            char c = text[pos];
            if (c is ' ' or '\t')
            {
                if (inWord) Add(words, word);
                inWord = false;
                pos++;
                continue;
            }
            inWord = true;
            if (c != '"')
            {
                word.Append(c);
                pos++;
                continue;
            }
            int open = pos++;
            while (true)
            {
                if (pos >= text.Length)
                    throw new AdminException(AdminErrorCode.BadRequest, $"unterminated quote opened at character {open}");
                char q = text[pos++];
                if (q == '"') break;
                if (q == '\\' && pos < text.Length && text[pos] is '"' or '\\') q = text[pos++];
                word.Append(q);
            }
        }
        if (inWord) Add(words, word);
        return words;

        static void Add(List<string> words, StringBuilder word)
        {
            if (words.Count == MaxWords)
                throw new AdminException(AdminErrorCode.BadRequest, $"more than {MaxWords} words in one request");
            words.Add(word.ToString());
            word.Clear();
        }
    }

    /// <summary>Joins words into a request line (no LF) that <see cref="Tokenize"/> splits back into the same words.</summary>
    public static string Join(IEnumerable<string> words)
    {
        var line = new StringBuilder();
        foreach (string w in words)
        {
            if (line.Length > 0) line.Append(' ');
            if (w.Length > 0 && w.AsSpan().IndexOfAny(" \t\"") < 0)
            {
                line.Append(w);
                continue;
            }
            line.Append('"');
            foreach (char c in w)
            {
                if (c is '"' or '\\') line.Append('\\');
                line.Append(c);
            }
            line.Append('"');
        }
        return line.ToString();
    }

    private static int FirstInvalidUtf8Offset(ReadOnlySpan<byte> line)
    {
        int offset = 0;
        while (offset < line.Length)
        {
            if (Rune.DecodeFromUtf8(line[offset..], out _, out int consumed) != OperationStatus.Done) return offset;
            offset += consumed;
        }
        return offset;
    }
}
