using Microsoft.AspNetCore.Http;
using PolicyNews.Archive.Search;
using PolicyNews.Archive.Store;
using PolicyNews.Archive.Text;
using PolicyNews.Web.Display;

namespace PolicyNews.Tests.Web;

public sealed class ParagraphHtmlTests
{
    // 創新 is repaired (certain) and 中 carries the source's pinyin.
    static readonly ParagraphView Paragraph = new("p1", 1, BlockKind.Paragraph, null, "中國創新<b>",
        new TextMarks(
            [new ReadingAnnotation(0, "中", "zhōng")],
            [new Repair(2, 2, "?貝涙", "創新", RepairConfidence.Certain, 0, "re-paired 4 bytes")]));

    static DisplayPreferences Display(string query)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(query);
        var display = new DisplayPreferences();
        display.Resolve(context);
        return display;
    }

    static string Html(ParagraphView paragraph, string query, SearchQuery? highlight = null)
    {
        using var writer = new StringWriter();
        ParagraphHtml.Render(paragraph, Display(query), highlight).WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return writer.ToString();
    }

    [Fact]
    public void MarksARepairWithWhatTheSourceHeldAndEscapesMarkup()
    {
        Assert.Equal("中國<span class=\"repair repair-certain\" title=\"修復（確定）。原文：?貝涙\">創新</span>&lt;b&gt;", Html(Paragraph, ""));
    }

    [Fact]
    public void ShowsTheSourcesPinyinAsRubyOnlyWhenAskedFor()
    {
        Assert.StartsWith("<ruby>中<rp>(</rp><rt>zhōng</rt><rp>)</rp></ruby>國", Html(Paragraph, "?pinyin=on"));
        Assert.DoesNotContain("<ruby>", Html(Paragraph, "?pinyin=off"));
    }

    [Fact]
    public void ConvertsEachPieceToTheReadersScript()
    {
        var html = Html(Paragraph, "?script=hans");

        Assert.StartsWith("中国<span", html);
        Assert.Contains(">创新</span>", html);
        Assert.Contains("title=\"修复（确定）。原文：?貝涙\"", html); // the damaged source stays exactly as it was
    }

    [Fact]
    public void HighlightsSearchMatchesInsideARepairedSpan()
    {
        var html = Html(Paragraph, "", SearchQuery.Parse("创新"));

        Assert.Contains("<span class=\"repair repair-certain\" title=\"修復（確定）。原文：?貝涙\"><mark>創新</mark></span>", html);
    }

    [Fact]
    public void SaysHowMuchAPartialRepairLost()
    {
        var partial = new Repair(0, 1, "?", "□", RepairConfidence.Partial, 2, "lost");

        Assert.Equal("部分修復，遺失 2 個位元組", ParagraphHtml.RepairDetail(partial));
        Assert.Equal("修復（部分，遺失 2 個位元組）。原文：?", ParagraphHtml.RepairTitle(partial, Display("")));
    }

    [Fact]
    public void GivesTheLeadItsStandInTitle()
    {
        var lead = new SectionView("s0", "lead", 0, null, TextMarks.None, [], []);

        using var writer = new StringWriter();
        ParagraphHtml.Heading(lead, Display("?script=hans")).WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);

        Assert.Equal("导语", writer.ToString());
    }
}
