using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using PolicyNews.Archive.Text;

namespace PolicyNews.Tests.Text;

/// <summary>The whole pipeline on the two seed articles, as they arrived.</summary>
public class SeedCleaningTests
{
    private static readonly ArticlePipeline Pipeline = ArticlePipeline.Create();

    public static string SeedPath(string name) => Path.Combine(Repository.Seeds, name);

    public const string Report = "000_bbd2b401c3b78db9.txt";
    public const string Essay = "002_d666bc290ea309f0.txt";

    private static ArticleDocument Clean(string name) => Pipeline.Clean(File.ReadAllBytes(SeedPath(name)), name).Document;

    private static string AllText(ArticleDocument doc) =>
        string.Join("\n", doc.Sections.Select(s => s.Heading).Concat(doc.Blocks.Select(b => b.Text)));

    [Theory]
    [InlineData(Report, new[] { "為什么DeepSeek成功了", "“六小龍”為何在杭州扎堆", "如何培育更多的DeepSeek" })]
    [InlineData(Essay, new[] { "DeepSeek模型創新競勝的主要經驗", "對我國科技創新競爭的重要啟示", "提升我國國際科技創新領導力的幾點建議" })]
    public void FindsTheLeadAndThreeHeadedSections(string seed, string[] headings)
    {
        var doc = Clean(seed);

        Assert.Equal([0, 1, 2, 3], doc.Sections.Select(s => s.Ordinal));
        Assert.Null(doc.Sections[0].Heading);
        Assert.NotEmpty(doc.Sections[0].Blocks);
        Assert.Equal(headings, doc.Sections.Skip(1).Select(s => s.Heading));
    }

    [Fact]
    public void TheEssayEndsWithItsFiveNumberedRecommendations()
    {
        var items = Clean(Essay).Sections[3].Blocks.Where(b => b.Kind == BlockKind.ListItem).ToList();

        Assert.Equal([1, 2, 3, 4, 5], items.Select(i => i.ItemNumber!.Value));
        Assert.StartsWith("加強跨學科", items[0].Text);
    }

    [Theory]
    [InlineData(Report)]
    [InlineData(Essay)]
    public void CleanTextHoldsNoAnnotationMojibakeOrMarkup(string seed)
    {
        var text = AllText(Clean(seed));

        Assert.DoesNotMatch(Pinyin.Annotation(), text);
        Assert.DoesNotMatch(new Regex(@"[a-zü\u00E0-\u01DC]+\)"), text); // no remnant without its '('
        Assert.DoesNotContain("?", text);
        Assert.DoesNotContain("€", text);
        Assert.DoesNotContain("</", text);
        // characters that only the out-of-step decoding produced
        foreach (var mojibake in "丶哟罅紕槭砉荚泵绹韫戎诨搅炕瞥鍪讉毕胂肟矗绻鄙偌夹嵤┑摹靶≡焊帯欢喝悍迹仁筄蛟斌樯钕荨奥窂揭蕾嚒崩Ь郴虺鲇诟鞣")
            Assert.DoesNotContain(mojibake, text);
    }

    /// <summary>
    /// The seeds' figures (docs/data-pipeline.md): 18 runs, 9 certain and 9 partial, as
    /// docs/seed-damage.md classifies them byte by byte.
    /// </summary>
    [Theory]
    [InlineData(Report, 5, 2, 3, 18, 17)]
    [InlineData(Essay, 13, 7, 6, 16, 15)]
    public void RecordsEveryRepairWithItsConfidence(string seed, int runs, int certain, int partial, int lostBytes, int unrecoverable)
    {
        var doc = Clean(seed);
        var repairs = doc.Blocks.SelectMany(b => b.Marks.Repairs).ToList();

        Assert.Equal(runs, repairs.Count);
        Assert.All(repairs, r => Assert.False(string.IsNullOrEmpty(r.Original)));
        Assert.Equal(certain, repairs.Count(r => r.Confidence == RepairConfidence.Certain));
        Assert.Equal(partial, repairs.Count(r => r.Confidence == RepairConfidence.Partial));
        Assert.Equal(lostBytes, repairs.Sum(r => r.LostBytes));
        Assert.Equal(unrecoverable, AllText(doc).Count(c => c == Repair.Unrecoverable));
        Assert.All(repairs.Where(r => r.Confidence == RepairConfidence.Certain), r => Assert.Equal(0, r.LostBytes));
        Assert.All(repairs.Where(r => r.Confidence == RepairConfidence.Certain), r => Assert.DoesNotContain("guess", r.Note));
        Assert.All(repairs.Where(r => r.Confidence == RepairConfidence.Partial), r => Assert.True(r.LostBytes > 0 || r.Note.Contains("a guess")));
        Assert.All(repairs, r => Assert.Equal(LostCharactersInNote(r.Note), r.Replacement.Count(c => c == Repair.Unrecoverable)));
    }

    /// <summary>
    /// How many characters the note says were lost: a gap of 2n bytes is n+1 characters, and a
    /// character whose annotation alone survived is one. Each □ must stand for one of them.
    /// </summary>
    private static int LostCharactersInNote(string note)
    {
        var lost = 0;
        foreach (Match gap in Regex.Matches(note, @"(\d+) bytes lost between \w\w and \w\w, (\d+) characters"))
        {
            Assert.Equal(int.Parse(gap.Groups[1].Value) / 2 + 1, int.Parse(gap.Groups[2].Value));
            lost += int.Parse(gap.Groups[2].Value);
        }
        return lost + (note.StartsWith("a character was lost") ? 1 : 0);
    }

    /// <summary>The three cases of issue 12, and the one docs/data-pipeline.md listed as a known limit.</summary>
    [Theory]
    [InlineData(Report, "人才□□。“到我們", "without a deletion D5 DF would spell 者")]     // the full stop the bytes spell stays
    [InlineData(Report, "州的□□□□□□底。”", "without a deletion D5 DF would spell 者")]   // 政策, not 者
    [InlineData(Report, "當地□□□大科技創新", "4 bytes lost between D5 and D3, 3 characters")] // 政府加, not 政子
    [InlineData(Essay, "“小院高墻”□□和技術限制", "without a deletion D5 DF would spell 者")]
    public void ShowsWhatTheBytesCannotProveAsLost(string seed, string expected, string note)
    {
        var block = Assert.Single(Clean(seed).Blocks, b => b.Text.Contains(expected));

        var at = block.Text.IndexOf(expected, StringComparison.Ordinal);
        var repair = Assert.Single(block.Marks.Repairs, r => r.Offset < at + expected.Length && at < r.Offset + r.Length);
        Assert.Equal(RepairConfidence.Partial, repair.Confidence);
        Assert.Contains(note, repair.Note);
    }

    [Theory]
    [InlineData(Report, 0)]
    [InlineData(Essay, 9)]
    public void HeadingsKeepTheirAnnotations(string seed, int expected)
    {
        var cleaned = Pipeline.Clean(File.ReadAllBytes(SeedPath(seed)), seed);
        var doc = cleaned.Document;

        Assert.Equal(expected, doc.Sections.Sum(s => s.HeadingMarks.Annotations.Count));
        Assert.All(doc.Sections.Where(s => s.Heading is not null).SelectMany(s => s.HeadingMarks.Annotations.Select(a => (s.Heading!, a))),
            x => Assert.Equal(x.a.Character, x.Item1.Substring(x.a.Offset, x.a.Character.Length)));
    }

    [Fact]
    public void LostBytesAreChosenByContextAndByTheAnnotatorsList()
    {
        var report = AllText(Clean(Report));
        var essay = AllText(Clean(Essay));

        Assert.Contains("□□底。”", report);
        Assert.DoesNotContain("。、", report + essay);
        Assert.Contains("水平技壓群芳□□使OpenAI", essay);
    }

    /// <summary>Seed, a run the repair rebuilt whole from its bytes, and clean text that reads through it.</summary>
    [Theory]
    [InlineData(Report, "地加大了科技創", "主要是當地加大了科技創新投入力度。")]
    [InlineData(Essay, "。”《麻省理工科技評", "。”《麻省理工科技評論》進一步評價說")]
    [InlineData(Essay, "。或許", "業型公司。或許正是因為技術型企業家梁文鋒")]
    [InlineData(Essay, "為技術", "業型公司。或許正是因為技術型企業家梁文鋒")]
    public void RebuildsRunsFromTheirBytes(string seed, string run, string expected)
    {
        var block = Assert.Single(Clean(seed).Blocks, b => b.Text.Contains(expected));
        var at = block.Text.IndexOf(expected, StringComparison.Ordinal);

        var repair = Assert.Single(block.Marks.Repairs, r => r.Replacement == run);
        Assert.Equal(RepairConfidence.Certain, repair.Confidence);
        Assert.Equal(run, block.Text.Substring(repair.Offset, repair.Length));
        Assert.True(repair.Offset < at + expected.Length && at < repair.Offset + repair.Length,
            $"the repair at {repair.Offset} is not within \"{expected}\" at {at}");
    }

    [Fact]
    public void KeepsRealParenthesesAndQuestionMarks()
    {
        var text = AllText(Clean(Report)) + AllText(Clean(Essay));

        foreach (var kept in new[] { "人工智能（AI）", "（1.7%）", "（Marc Andreessen）", "杭州？這成了", "DeepSeek-R1模型嗎？" })
            Assert.Contains(kept, text);
    }

    [Fact]
    public void BylinesBecomeMetadata()
    {
        var report = Clean(Report);
        var essay = Clean(Essay);

        Assert.Equal("趙廣立", report.Bylines.Reporter);
        Assert.Equal("馬莉莎", essay.Bylines.Editor);
        Assert.StartsWith("作者為中國農業大學人文與發展學院教授", essay.Bylines.AuthorNote);
        var text = AllText(report) + AllText(essay);
        Assert.DoesNotContain("記者 趙廣立", text);
        Assert.DoesNotContain("責任編輯", text);
    }

    [Fact]
    public void KeepsEachAnnotationOnItsCharacter()
    {
        var doc = Clean(Report);

        var annotations = doc.Blocks.SelectMany(b => b.Marks.Annotations.Select(a => (b.Text, a))).ToList();
        Assert.True(annotations.Count > 300);
        Assert.All(annotations, x => Assert.Equal(x.a.Character, x.Text.Substring(x.a.Offset, x.a.Character.Length)));
        Assert.Contains(annotations, x => x.a is { Character: "說", Reading: "shuō" });
    }

    [Fact]
    public void Gb18030AndUtf16CopiesImportToTheSameText()
    {
        var utf8 = File.ReadAllBytes(SeedPath(Essay));
        var text = Encoding.UTF8.GetString(utf8);
        var gb18030 = Gbk.Encoding.GetType() is not null ? Encoding.GetEncoding(54936).GetBytes(text) : [];
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray();

        var expected = AllText(Pipeline.Clean(utf8, Essay).Document);
        var fromGb = Pipeline.Clean(gb18030, Essay);
        var fromUtf16 = Pipeline.Clean(utf16, Essay);

        Assert.Equal("gb18030", fromGb.Encoding);
        Assert.Equal("utf-16le", fromUtf16.Encoding);
        Assert.Equal(expected, AllText(fromGb.Document));
        Assert.Equal(expected, AllText(fromUtf16.Document));
    }

    [Fact]
    public void CleansBothSeedsInParallelExactlyAsOneAfterTheOther()
    {
        // The importer and the web host build one pipeline and share it, so two imports may run at once.
        var pipeline = ArticlePipeline.Create();
        var seeds = new[] { Report, Essay }.Select(name => (Name: name, Bytes: File.ReadAllBytes(SeedPath(name)))).ToArray();
        var readable = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        string CleanToJson(int i) => JsonSerializer.Serialize(pipeline.Clean(seeds[i % seeds.Length].Bytes, seeds[i % seeds.Length].Name), readable);
        var sequential = Enumerable.Range(0, seeds.Length).Select(CleanToJson).ToArray();

        var parallel = new string[32 * seeds.Length];
        Parallel.For(0, parallel.Length, i => parallel[i] = CleanToJson(i));

        for (var i = 0; i < parallel.Length; i++)
            Assert.Equal(sequential[i % seeds.Length], parallel[i]);
    }
}
