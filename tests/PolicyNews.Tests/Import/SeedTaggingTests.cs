using PolicyNews.Archive.Store;
using PolicyNews.Tests.Search;
using static PolicyNews.Tests.Search.SeedArchive;

namespace PolicyNews.Tests.Import;

/// <summary>The seed taxonomy on the two seeds, cleaned by the real pipeline: which sections each tag lands on.</summary>
public sealed class SeedTaggingTests(SeedArchive seeds) : IClassFixture<SeedArchive>
{
    readonly TagStore tags = new(seeds.Database);

    bool IsTagged(string slug, string article, int ordinal) =>
        tags.GetTag(slug)!.Sections.Any(s => s.Article.Slug == article && s.Section.Ordinal == ordinal);

    [Theory]
    // Longest match: a section that names only 浙江大學 is not about 浙江; one that names only
    // 中國科學院杭州醫學研究所 (and its short form 杭州醫學所) is not about 杭州, nor about 中國科學院.
    [InlineData("zhejiang", Lessons, 1, false)]
    [InlineData("zhejiang-university", Lessons, 1, true)]
    [InlineData("zhejiang", Replicated, 2, true)]                          // 祖籍浙江德清, 浙江整體
    [InlineData("hangzhou", Replicated, 1, false)]
    [InlineData("hangzhou-institute-of-medicine-cas", Replicated, 1, true)]
    [InlineData("chinese-academy-of-sciences", Replicated, 1, false)]
    [InlineData("hangzhou", Replicated, 2, true)]
    [InlineData("hangzhou", Lessons, 0, true)]                             // 地處杭州
    [InlineData("chinese-academy-of-sciences", Replicated, 0, true)]       // 中國科學院院士楊學明
    [InlineData("chinese-academy-of-sciences", Replicated, 3, false)]      // only 中國科學院計算技術研究所
    [InlineData("institute-of-computing-technology-cas", Replicated, 3, true)]
    // Exclusion: 2025年浙江省兩會 is a provincial session, not the national 兩會.
    [InlineData("two-sessions", Replicated, 3, false)]
    [InlineData("two-sessions", Replicated, 0, true)]                      // 全國兩會
    // Folding: the tag is written once, 遊戲科學; the report writes 游戲科學.
    [InlineData("game-science", Replicated, 2, true)]
    // Names with a middle dot, and the people and organisations the essay quotes.
    [InlineData("andrej-karpathy", Lessons, 0, true)]
    [InlineData("marc-andreessen", Lessons, 0, true)]
    [InlineData("sam-altman", Lessons, 1, true)]
    [InlineData("arvind-krishna", Lessons, 1, true)]
    [InlineData("yann-lecun", Lessons, 1, true)]
    [InlineData("mit-technology-review", Lessons, 0, true)]
    [InlineData("china-science-daily", Replicated, 0, true)]
    [InlineData("chinese-academy-of-engineering", Replicated, 3, true)]
    [InlineData("xianyuan-technology", Replicated, 1, true)]
    public void TagsLandOnTheSectionsThatMentionThem(string slug, string article, int ordinal, bool tagged) =>
        Assert.Equal(tagged, IsTagged(slug, article, ordinal));

    [Fact]
    public void EveryTagButTheTwoFromTheBylinesTagsSomeSection()
    {
        // 趙廣立 is the report's byline and 中國農業大學 is in the essay's author note; neither is in a section.
        var unused = tags.ListTags().Where(t => t.SectionCount == 0).Select(t => t.Slug).Order();

        Assert.Equal(["china-agricultural-university", "zhao-guangli"], unused);
    }

    [Fact]
    public void TheSeedsHaveTheDocumentedNumberOfSectionLinks()
    {
        // docs/data-pipeline.md: "62 tags …, which produce 129 section links".
        Assert.Equal(129, tags.ListTags().Sum(t => t.SectionCount));
        Assert.Equal(62, tags.ListTags().Count);
    }
}
