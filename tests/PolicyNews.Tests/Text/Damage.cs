using System.Text;
using PolicyNews.Archive.Chinese;
using PolicyNews.Archive.Text;

namespace PolicyNews.Tests.Text;

/// <summary>
/// Damages text the way the seeds were damaged (docs/seed-damage.md), so the repair can be
/// proven on samples we make ourselves: GBK bytes, a byte-level pinyin annotator that also matches
/// pairs straddling two characters, a Windows-936-like decoder, and fullwidth forms flattened.
/// </summary>
public static class Damage
{
    public static byte[] ToGbk(string text) => Gbk.Encoding.GetBytes(text);

    /// <summary>Inserts "(reading)" after every byte pair, at any offset, that spells a listed character.</summary>
    public static byte[] Annotate(byte[] bytes, IReadOnlyDictionary<char, string> list)
    {
        var output = new List<byte>();
        for (var i = 0; i < bytes.Length; i++)
        {
            output.Add(bytes[i]);
            if (i == 0) continue;
            var cp = Gbk.Decode(bytes[i - 1], bytes[i]);
            if (cp != Gbk.Invalid && cp < 0x10000 && list.TryGetValue((char)cp, out var reading))
                output.AddRange(Encoding.UTF8.GetBytes("(").Concat(Gbk.Encoding.GetBytes(reading)).Concat(Encoding.UTF8.GetBytes(")")));
        }
        return output.ToArray();
    }

    /// <summary>
    /// Damages a sentence of our own the way a run starts and ends in the seeds: the annotator knows
    /// the character that the bytes straddling characters k-1 and k spell (so a '?' opens a run
    /// there), and the real character at terminatorIndex (whose annotation closes it).
    /// </summary>
    public static string Inside(string sentence, int k, int terminatorIndex)
    {
        var bytes = ToGbk(sentence);
        var straddled = Gbk.Decode(bytes[2 * k - 1], bytes[2 * k]);
        Assert.NotEqual(Gbk.Invalid, straddled);
        var list = new Dictionary<char, string>
        {
            [(char)straddled] = ReadingOf(straddled),
            [sentence[terminatorIndex]] = ReadingOf(sentence[terminatorIndex]),
        };
        return DecodeLikeTheDamage(Annotate(bytes, list));
    }

    /// <summary>
    /// Decodes like the damaging decoder: a lead byte before an ASCII byte below 0x40 becomes one
    /// '?' that swallows it; a lone 0x80 is '€'; pairs in the user-defined area are dropped; a pair
    /// that spells nothing is a '?' for the lead byte alone. Fullwidth forms are then flattened.
    /// </summary>
    public static string DecodeLikeTheDamage(byte[] bytes)
    {
        var text = new StringBuilder();
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b < 0x80) { text.Append((char)b); continue; }
            if (b == 0x80) { text.Append('€'); continue; }
            if (i + 1 >= bytes.Length) { text.Append('?'); continue; }
            var next = bytes[i + 1];
            if (next < 0x40) { text.Append('?'); i++; continue; }
            if (IsUserDefined(b, next)) { i++; continue; }
            var cp = Gbk.Decode(b, next);
            if (cp == Gbk.Invalid) { text.Append('?'); continue; }
            text.Append(char.ConvertFromUtf32(cp));
            i++;
        }
        return Flatten(text.ToString());
    }

    public static bool IsUserDefined(int lead, int trail) =>
        (lead is >= 0xAA and <= 0xAF or >= 0xF8 && trail >= 0xA1) || (lead is >= 0xA1 and <= 0xA7 && trail is >= 0x40 and <= 0xA0);

    private static string Flatten(string text) =>
        new(text.Select(c => c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c).ToArray());

    /// <summary>The reading the annotator would have written for a character.</summary>
    public static string ReadingOf(int codePoint) => PinyinReadings.Of(codePoint)[0];
}
