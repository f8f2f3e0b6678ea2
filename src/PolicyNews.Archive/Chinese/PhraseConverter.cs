using System.Numerics;
using System.Text;

namespace PolicyNews.Archive.Chinese;

/// <summary>
/// Converts text with one table of words and characters, the way OpenCC does: at each position
/// the longest key that matches is replaced by its value (forward maximum matching), and text no
/// key matches is copied. Because a word is tried before its characters, each word chooses its own
/// character: 反覆 becomes 反复 while 覆蓋 becomes 覆盖; 头发 becomes 頭髮 while 发展 becomes 發展.
///
/// Immutable once built, so one instance serves every thread. Lookups do not allocate: each
/// UTF-16 unit carries a bit mask of the lengths of the keys that start with it and another of
/// those that end with it, so a position looks up only lengths that can match (usually one or
/// two) and plain text costs one array read per character.
/// </summary>
public sealed class PhraseConverter
{
    /// <summary>Key lengths are kept as bits of a uint; OpenCC's longest words have 16 characters.</summary>
    public const int MaxKeyLength = 32;

    private readonly Dictionary<string, string> _entries;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly uint[] _lengthsByFirstUnit = new uint[char.MaxValue + 1];
    private readonly uint[] _lengthsByLastUnit = new uint[char.MaxValue + 1];

    public PhraseConverter(IEnumerable<KeyValuePair<string, string>> entries)
    {
        _entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            if (key.Length is 0 or > MaxKeyLength)
                throw new ArgumentException($"Key '{key}' must have 1 to {MaxKeyLength} UTF-16 units.", nameof(entries));
            _entries[key] = value;
            _lengthsByFirstUnit[key[0]] |= 1u << (key.Length - 1);
            _lengthsByLastUnit[key[^1]] |= 1u << (key.Length - 1);
        }
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _entries.Count;

    /// <summary>
    /// Reads a generated table (see tools/PolicyNews.ChineseTables): "key TAB value" lines, and
    /// lines holding only a word, which converts character by character but must still be matched
    /// whole so that no overlapping word takes its characters (人才 keeps 才 from the word 才有 → 纔有).
    /// </summary>
    public static PhraseConverter FromTable(string fileName) => FromRows(EmbeddedTable.Rows(fileName));

    public static PhraseConverter FromRows(IEnumerable<string[]> rows)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        var wordsOnly = new List<string>();
        foreach (var row in rows)
        {
            if (row.Length == 1) wordsOnly.Add(row[0]);
            else entries[row[0]] = row[1];
        }
        foreach (var word in wordsOnly)
            entries[word] = ByCharacter(word, entries);
        return new PhraseConverter(entries);
    }

    public string Convert(string text)
    {
        StringBuilder? converted = null;     // stays null, and text is returned as is, until something changes
        var copiedUpTo = 0;
        var i = 0;
        while (i < text.Length)
        {
            var matched = Match(text.AsSpan(i), out var value);
            if (matched == 0)
            {
                i++;
                continue;
            }
            if (!text.AsSpan(i, matched).SequenceEqual(value))
            {
                converted ??= new StringBuilder(text.Length + 16);
                converted.Append(text, copiedUpTo, i - copiedUpTo).Append(value);
                copiedUpTo = i + matched;
            }
            i += matched;
        }
        if (converted is null) return text;
        return converted.Append(text, copiedUpTo, text.Length - copiedUpTo).ToString();
    }

    /// <summary>
    /// <see cref="Convert"/>, remembering where each position of <paramref name="text"/> went, so
    /// that offsets into the original (repairs, annotations, matches) can be carried over to the
    /// conversion. Entries can change the UTF-16 length (a character whose other form lies outside
    /// the basic plane: 㑮→𫝈, 二噁英→二𫫇英), so positions after one move.
    /// </summary>
    public ConvertedText ConvertWithOffsets(string text)
    {
        var converted = new StringBuilder(text.Length + 16);
        int[]? starts = null, ends = null;
        var i = 0;
        while (i < text.Length)
        {
            var matched = Match(text.AsSpan(i), out var value);
            if (matched == 0)
            {
                if (starts is not null)
                    starts[i] = ends![i] = converted.Length;
                converted.Append(text[i]);
                i++;
                continue;
            }
            if (starts is null && value.Length != matched)
            {
                // The first change of length: until here every position mapped to itself.
                starts = new int[text.Length + 1];
                ends = new int[text.Length + 1];
                for (var k = 0; k <= i; k++)
                    starts[k] = ends[k] = k;
            }
            if (starts is not null)
                MapWord(text.AsSpan(i, matched), value, i, converted.Length, starts, ends!);
            converted.Append(value);
            i += matched;
        }
        if (starts is not null)
            starts[text.Length] = ends![text.Length] = converted.Length;
        return new ConvertedText(converted.ToString(), starts, ends);
    }

    /// <summary>
    /// Where the positions of one replaced word go: character by character when the replacement has
    /// as many characters (every entry of the generated tables does), else the whole word as one piece.
    /// A position inside a surrogate pair or a piece maps to the piece's start for a span's start and
    /// to its end for a span's end.
    /// </summary>
    private static void MapWord(ReadOnlySpan<char> key, string value, int from, int to, int[] starts, int[] ends)
    {
        var sameCount = CountRunes(key) == CountRunes(value);
        int k = 0, v = 0;
        while (k < key.Length)
        {
            var keyUnits = sameCount ? RuneLength(key, k) : key.Length;
            var valueUnits = sameCount ? RuneLength(value, v) : value.Length;
            starts[from + k] = ends[from + k] = to + v;
            for (var inside = 1; inside < keyUnits; inside++)
            {
                starts[from + k + inside] = to + v;
                ends[from + k + inside] = to + v + valueUnits;
            }
            k += keyUnits;
            v += valueUnits;
        }
    }

    private static int RuneLength(ReadOnlySpan<char> text, int at) =>
        char.IsHighSurrogate(text[at]) && at + 1 < text.Length && char.IsLowSurrogate(text[at + 1]) ? 2 : 1;

    private static int CountRunes(ReadOnlySpan<char> text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i += RuneLength(text, i))
            count++;
        return count;
    }

    /// <summary>The length of the longest key at the start of <paramref name="text"/>, or 0.</summary>
    private int Match(ReadOnlySpan<char> text, out string value)
    {
        var lengths = _lengthsByFirstUnit[text[0]];
        if (text.Length < MaxKeyLength)
            lengths &= (1u << text.Length) - 1;
        while (lengths != 0)
        {
            var length = 32 - BitOperations.LeadingZeroCount(lengths);
            var bit = 1u << (length - 1);
            // The last unit must also end some key of this length: one array read saves most of
            // the hash lookups on Simplified text, where nearly every character starts some word.
            if ((_lengthsByLastUnit[text[length - 1]] & bit) != 0 && _lookup.TryGetValue(text[..length], out value!))
                return length;
            lengths &= ~bit;
        }
        value = "";
        return 0;
    }

    /// <summary>Each character through its own single-character entry, or unchanged.</summary>
    private static string ByCharacter(string word, Dictionary<string, string> entries)
    {
        var converted = new StringBuilder(word.Length);
        foreach (var rune in word.EnumerateRunes())
        {
            var character = rune.ToString();
            converted.Append(entries.GetValueOrDefault(character, character));
        }
        return converted.ToString();
    }
}
