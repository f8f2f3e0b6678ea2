using PolicyNews.Archive.Import;
using PolicyNews.Archive.Store;

namespace PolicyNews.Tests.Import;

public sealed class TagTaxonomyTests
{
    [Theory]
    [InlineData("中國人工智能(AI)企業", "AI", true)]
    [InlineData("AI科創公司", "AI", true)]
    [InlineData("OpenAI的模型", "AI", false)]         // a Latin alias must not match inside a longer word
    [InlineData("GAI and AIGC", "AI", false)]
    [InlineData("DeepSeek-R1模型", "DeepSeek", true)]
    [InlineData("deepseek的成功", "DeepSeek", true)]   // Latin matches ignore case
    [InlineData("深度求索公司", "深度求索", true)]
    [InlineData("杭州醫學所", "杭州", true)]            // Chinese has no word breaks: substring match
    public void MentionsMatchesChineseAnywhereAndLatinAsWholeWords(string text, string term, bool expected) =>
        Assert.Equal(expected, TagTaxonomy.Mentions(text, term));

    [Fact]
    public void SeedTaxonomyIsValidAndCoversBothScripts()
    {
        var tags = TagTaxonomy.Load(Path.Combine(Repository.Seeds, TagTaxonomy.FileName));

        Assert.InRange(tags.Count, 20, 40);
        Assert.All(TagKinds.All, kind => Assert.Contains(tags, t => t.Kind == kind.Key));
        var deepseek = tags.Single(t => t.Slug == "deepseek");
        Assert.Contains("深度求索", deepseek.Aliases);
        Assert.Contains("杨学明", tags.Single(t => t.Slug == "yang-xueming").Aliases);
    }

    [Fact]
    public void SeedMetadataDescribesBothSeeds()
    {
        var metadata = ArticleMetadataFile.Load(Path.Combine(Repository.Seeds, ArticleMetadataFile.FileName));

        Assert.Equal(
            Directory.GetFiles(Repository.Seeds, "*.txt").Select(Path.GetFileName).Order(),
            metadata.Keys.Order());
        Assert.Equal("趙廣立", metadata["000_bbd2b401c3b78db9.txt"].Author);
        Assert.Equal("2025-04", metadata["002_d666bc290ea309f0.txt"].Published);
        Assert.All(metadata.Values, m => Assert.Equal("zh-Hant", m.Script));
    }
}
