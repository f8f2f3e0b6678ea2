using System.Text;
using PolicyNews.Archive.Text;

namespace PolicyNews.Tests.Text;

/// <summary>
/// An article nobody damaged (testdata/plain-traditional.txt: ordinary Traditional news prose with
/// fullwidth punctuation, quotes of three kinds, numbers, Latin names and a numbered list) must pass
/// through the whole pipeline as it is: no repair, no annotation, no punctuation changed, every line
/// kept word for word, whichever encoding it arrives in.
/// </summary>
public class UndamagedArticleTests
{
    private static readonly ArticlePipeline Pipeline = ArticlePipeline.Create();
    private const string Name = "plain-traditional.txt";

    private static string Source => File.ReadAllText(Path.Combine(Repository.Root, "tests", "PolicyNews.Tests", "Text", "testdata", Name));

    private static Encoding Strict(int codePage)
    {
        Gbk.Encoding.GetType(); // registers the code pages
        return Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    public static TheoryData<string> Encodings => ["utf-8", "big5", "gb18030"];

    private static byte[] Encode(string text, string encoding) => encoding switch
    {
        "utf-8" => Encoding.UTF8.GetBytes(text),
        "big5" => Strict(950).GetBytes(text),
        "gb18030" => Strict(54936).GetBytes(text),
        _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
    };

    /// <summary>The lines the clean article holds, in order, with list numbers put back as the source wrote them.</summary>
    private static List<string> LinesOf(ArticleDocument doc)
    {
        var lines = new List<string>();
        foreach (var section in doc.Sections)
        {
            if (section.Heading is not null) lines.Add(section.Heading);
            lines.AddRange(section.Blocks.Select(b => b.Kind == BlockKind.ListItem ? $"{b.ItemNumber}、{b.Text}" : b.Text));
        }
        return lines;
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void PassesThroughThePipelineUnchanged(string encoding)
    {
        var source = Source;
        var expected = source.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

        var result = Pipeline.Clean(Encode(source, encoding), Name);
        var doc = result.Document;

        Assert.Equal(encoding, result.Encoding);
        var lines = LinesOf(doc);
        Assert.Equal(expected.Count, lines.Count);
        foreach (var (line, clean) in expected.Zip(lines))
            Assert.Equal(line, clean); // one line at a time, so a failure shows where
        Assert.Empty(doc.Repairs);
        Assert.Equal(0, doc.AnnotationCount);
        Assert.Empty(doc.Warnings);
        Assert.Equal(new Bylines(null, null, null), doc.Bylines);
    }

    [Fact]
    public void IsReadAsAnArticleWithSectionsAndAList()
    {
        var doc = Pipeline.Clean(Encoding.UTF8.GetBytes(Source), Name).Document;

        Assert.Equal([null, "審查結論", "產業觀察"], doc.Sections.Select(s => s.Heading));
        Assert.Equal([1, 2, 3], doc.Blocks.Where(b => b.Kind == BlockKind.ListItem).Select(b => b.ItemNumber!.Value));
    }

    /// <summary>The sample holds what a false repair would trip on; if it lost these, the test above would prove little.</summary>
    [Theory]
    [InlineData("（15）")]          // fullwidth brackets around digits
    [InlineData("1,250億元")]       // an ASCII comma between digits, inside Chinese
    [InlineData("168.5公頃")]
    [InlineData("85%以上；")]
    [InlineData("Northbridge Research的分析師Anna Keller")]
    [InlineData("《Who Will Build the Fabs?》")] // an ASCII '?' that belongs to a Latin title
    [InlineData("人工智慧（AI）")]
    [InlineData("“先進製程的產能仍然供不應求”")]
    [InlineData("《環境影響評估法》")]
    [InlineData("何時才會動工？」")]
    [InlineData("關鍵……")]
    [InlineData("算清楚——水")]
    [InlineData("「不能只是形式」！")]
    [InlineData("南部科學園區擴建計畫有條件通過環評　最快")]
    public void TheSampleHoldsWhatAFalseRepairWouldTripOn(string fragment) => Assert.Contains(fragment, Source);
}
