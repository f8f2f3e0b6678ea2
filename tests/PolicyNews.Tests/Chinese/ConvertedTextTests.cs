using PolicyNews.Archive.Chinese;

namespace PolicyNews.Tests.Chinese;

/// <summary>
/// <see cref="ScriptConverter.ToSimplifiedWithOffsets"/>: the same text as ToSimplified, and a span
/// marked in the Traditional text (a repair, a pinyin annotation, a search match) maps to the span
/// its characters became — also after the entries of the t2s table whose Simplified form has another
/// UTF-16 length (a character outside the basic plane: 㑮→𫝈, 二噁英→二𫫇英).
/// </summary>
public class ConvertedTextTests
{
    static List<(string Traditional, string Simplified)> LengthChangingEntries() =>
        File.ReadLines(Path.Combine(Repository.Root, "src", "PolicyNews.Archive", "Chinese", "Data", "t2s.tsv"))
            .Where(line => !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Where(row => row.Length == 2 && row[0].Length != row[1].Length)
            .Select(row => (row[0], row[1]))
            .ToList();

    [Fact]
    public void TheTableHasEntriesThatChangeTheLength() =>
        Assert.True(LengthChangingEntries().Count >= 800, $"only {LengthChangingEntries().Count} length-changing entries in t2s.tsv");

    [Fact]
    public void MarksAroundEveryLengthChangingEntryCoverTheSameWords()
    {
        var wrong = new List<string>();
        foreach (var (traditional, simplified) in LengthChangingEntries())
        {
            // 反覆 (a word whose 覆 is 复) before the entry, 覆蓋創新 (whose 覆 stays) after it, and the entry again.
            var text = $"反覆「{traditional}」覆蓋創新，{traditional}。";
            var converted = ScriptConverter.ToSimplifiedWithOffsets(text);
            var first = text.IndexOf(traditional, StringComparison.Ordinal);
            var after = text.IndexOf("覆蓋創新", StringComparison.Ordinal);
            var second = text.LastIndexOf(traditional, StringComparison.Ordinal);

            var cases = new (string Marked, int Start, int End, string Expected)[]
            {
                ("覆 of 反覆", 1, 2, "复"),
                (traditional, first, first + traditional.Length, simplified),
                ("覆蓋創新", after, after + 4, "覆盖创新"),
                ("創", after + 2, after + 3, "创"),
                (traditional + " again", second, second + traditional.Length, simplified),
                ("the whole text", 0, text.Length, ScriptConverter.ToSimplified(text)),
            };
            if (converted.Text != ScriptConverter.ToSimplified(text))
                wrong.Add($"{text}: {converted.Text}");
            foreach (var (marked, start, end, expected) in cases)
                if (converted.Substring(start, end) != expected)
                    wrong.Add($"{text}, {marked}: 「{converted.Substring(start, end)}」, expected 「{expected}」");
        }
        Assert.True(wrong.Count == 0, string.Join('\n', wrong.Take(20)));
    }

    [Theory]
    [InlineData("這裏的遊戲", 0, 5, "这里的游戏")]
    [InlineData("這裏的遊戲", 3, 5, "游戏")]
    [InlineData("隨著時間", 1, 2, "着")]          // 著 inside 隨著 is the particle 着
    [InlineData("著作等身", 0, 1, "著")]
    [InlineData("\U000217B5國家", 2, 4, "国家")]  // 𡞵 → 㛟: two UTF-16 units become one
    [InlineData("\U000217B5國家", 0, 2, "㛟")]
    [InlineData("\U000217B5國家", 1, 2, "㛟")]    // a start inside a surrogate pair takes the whole character
    [InlineData("創新", 1, 1, "")]
    [InlineData("創新", 5, 9, "")]                // out of range: clamped
    public void ASpanMapsToWhatItsCharactersBecame(string text, int start, int end, string expected) =>
        Assert.Equal(expected, ScriptConverter.ToSimplifiedWithOffsets(text).Substring(start, end));

    [Theory]
    [InlineData("")]
    [InlineData("DeepSeek R1")]
    [InlineData("經濟發展，顛覆與覆蓋；隨著、著名。")]
    public void TheTextIsToSimplifiedsText(string text) =>
        Assert.Equal(ScriptConverter.ToSimplified(text), ScriptConverter.ToSimplifiedWithOffsets(text).Text);
}
