using PolicyNews.Archive.Store;
using PolicyNews.Web.Pages.Articles;

namespace PolicyNews.Tests.Web;

public sealed class CitationTests
{
    static readonly DateOnly Accessed = new(2026, 12, 2);
    const string Permalink = "https://archive.example.org/s/abc123";
    static readonly SectionLink Lead = new("abc123", "lead", 0, null);
    static readonly SectionLink Headed = new("abc123", "wei-shen-me", 2, "為什麼成功了");

    [Fact]
    public void CitesAFullyKnownArticleInBothStyles()
    {
        var article = new ArticleRef("deepseek", "DeepSeek的啟示", "中國科學報", "2025-02-10", "趙廣立");

        var citation = Citation.For(article, Headed, Permalink, Accessed);

        Assert.Equal("趙廣立. DeepSeek的啟示：為什麼成功了[N/OL]. 中國科學報, 2025-02-10[2026-12-02]. " + Permalink, citation.GbT7714);
        Assert.Equal("趙廣立. (2025, February 10). DeepSeek的啟示：為什麼成功了. 中國科學報. " + Permalink, citation.Apa);
        Assert.Equal(Permalink, citation.Permalink);
    }

    [Fact]
    public void TheLeadIsCitedByTheArticleTitleAlone()
    {
        var article = new ArticleRef("deepseek", "DeepSeek的啟示", "中國科學報", "2025-02", "趙廣立");

        var citation = Citation.For(article, Lead, Permalink, Accessed);

        Assert.StartsWith("趙廣立. DeepSeek的啟示[N/OL]. ", citation.GbT7714);
        Assert.Equal("趙廣立. (2025, February). DeepSeek的啟示. 中國科學報. " + Permalink, citation.Apa);
    }

    [Fact]
    public void LeavesOutWhatTheArchiveDoesNotKnowInsteadOfInventingIt()
    {
        var article = new ArticleRef("essay", "論創新", Source: null, Published: null, Author: null);

        var citation = Citation.For(article, Lead, Permalink, Accessed);

        Assert.Equal("論創新[N/OL]. [2026-12-02]. " + Permalink, citation.GbT7714);
        Assert.Equal("(n.d.). 論創新. " + Permalink, citation.Apa);
    }
}
