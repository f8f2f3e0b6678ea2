using PolicyNews.Archive.Text;

namespace PolicyNews.Tests.Text;

public class StructurerTests
{
    private static readonly PinyinSeparator Separator = new(UnihanCharacterJudge.Instance);

    /// <summary>Lines as the earlier stages leave them: annotations separated, punctuation restored.</summary>
    private static ArticleDocument Structure(params string[] lines) =>
        Structurer.Structure(lines.Select(l => PunctuationRestorer.Apply(Separator.Apply(LineText.Of(l)).Line).Line).ToList(), []);

    [Fact]
    public void AShortLineWithoutSentencePunctuationStartsASection()
    {
        var doc = Structure("導語，第一段。", "為什么成功了", "正文第一段。");

        Assert.Equal([null, "為什么成功了"], doc.Sections.Select(s => s.Heading));
        Assert.Equal("正文第一段。", Assert.Single(doc.Sections[1].Blocks).Text);
    }

    [Fact]
    public void TheFirstLineIsNeverAHeading()
    {
        var doc = Structure("短的第一行", "正文，第一段。");

        var lead = Assert.Single(doc.Sections);
        Assert.Null(lead.Heading);
        Assert.Equal(2, lead.Blocks.Count);
    }

    [Fact]
    public void AHeadingKeepsItsPinyinAnnotations()
    {
        var doc = Structure("導語，第一段。", "創(chuàng)新的經(jīng)驗(yàn)", "正文第一段。");

        var section = doc.Sections[1];
        Assert.Equal("創新的經驗", section.Heading);
        Assert.Equal([(0, "創", "chuàng"), (3, "經", "jīng"), (4, "驗", "yàn")],
            section.HeadingMarks.Annotations.Select(a => (a.Offset, a.Character, a.Reading)));
    }

    [Fact]
    public void NumberedLinesBecomeListItemsWithoutTheirNumber()
    {
        var doc = Structure("導語，第一段。", "1.加強跨學科研究，培養人才。", "2、完善政策。");

        var items = doc.Blocks.Where(b => b.Kind == BlockKind.ListItem).ToList();
        Assert.Equal([1, 2], items.Select(i => i.ItemNumber!.Value));
        Assert.Equal(["加強跨學科研究，培養人才。", "完善政策。"], items.Select(i => i.Text));
    }

    [Fact]
    public void BylineAuthorAndEditorLinesBecomeMetadata()
    {
        var doc = Structure("導語，第一段。(記者 趙廣立)", "正文，第二段。", "(作者為北京大學教授)", "責任編輯:馬莉莎");

        Assert.Equal(new Bylines("趙廣立", "作者為北京大學教授", "馬莉莎"), doc.Bylines);
        Assert.Equal(["導語，第一段。", "正文，第二段。"], doc.Blocks.Select(b => b.Text));
    }
}
