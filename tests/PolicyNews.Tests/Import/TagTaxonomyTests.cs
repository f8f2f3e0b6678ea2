using PolicyNews.Archive.Import;
using PolicyNews.Archive.Store;
using PolicyNews.Archive.Text;

namespace PolicyNews.Tests.Import;

public sealed class TagTaxonomyTests : IDisposable
{
    readonly TempFolder dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void SeedTaxonomyIsValidAndListsNoTwinTheFoldingFinds()
    {
        var tags = TagTaxonomy.Load(Path.Combine(Repository.Seeds, TagTaxonomy.FileName));

        Assert.Equal(62, tags.Count);   // docs/data-pipeline.md, "seeds/tags.json"
        Assert.Equal([19, 14, 23, 6], TagKinds.All.Select(kind => tags.Count(t => t.Kind == kind.Key)));
        Assert.Contains("深度求索", tags.Single(t => t.Slug == "deepseek").Aliases);
        Assert.Equal(["省兩會", "市兩會"], tags.Single(t => t.Slug == "two-sessions").Exclude);
        Assert.All(tags, tag => Assert.Empty(TagTaxonomy.RedundantAliases(tag)));
    }

    [Fact]
    public void RedundantAliasesNamesTwinsThatMatchingAlreadyFinds()
    {
        var tag = new TagDefinition("遊戲科學", "game-science", "organisation",
            ["游戲科學", "游戏科学", "Game Science", "game science", "遊戲科技"]);

        Assert.Equal(["游戲科學", "游戏科学", "game science"], TagTaxonomy.RedundantAliases(tag));
    }

    [Theory]
    [InlineData("""[ { "name": "兩會", "slug": "two-sessions", "kind": "topic", "aliases": [], "exclude": ["浙江省人代會"] } ]""",
        "tag '兩會': exclusion '浙江省人代會' contains none of the tag's terms, so it would exclude nothing")]
    [InlineData("""[ { "name": "兩會", "slug": "two-sessions", "kind": "topic", "aliases": [], "exclude": [" "] } ]""",
        "tag '兩會': an exclusion is blank")]
    [InlineData("""[ { "name": "兩會", "slug": "two-sessions", "kind": "topic", "aliases": [], "exclude": ["省兩會|市兩會"] } ]""",
        "tag '兩會': aliases and exclusions may not contain '|'")]
    [InlineData("""[ { "name": "兩會", "slug": "two-sessions", "kind": "event", "aliases": [] } ]""",
        "tag '兩會': kind 'event' is not one of topic, person, organisation, place")]
    [InlineData("""[ { "name": "兩會", "slug": "two-sessions", "kind": "topic", "aliases": ["两会\u0000"] } ]""",
        "tag '兩會': a term holds a control character (U+0000)")]
    [InlineData("""[ { "name": "兩\t會", "slug": "two-sessions", "kind": "topic", "aliases": [] } ]""",
        "a term holds a control character (U+0009)")]
    public void RejectsATaxonomyWithABadEntry(string json, string reason)
    {
        var path = dir.Write(TagTaxonomy.FileName, json);

        var rejected = Assert.Throws<SourceRejectedException>(() => TagTaxonomy.Load(path));

        Assert.Contains(reason, rejected.Message);
    }

    [Fact]
    public void AnExclusionInTheOtherScriptIsAccepted()
    {
        var path = dir.Write(TagTaxonomy.FileName,
            """[ { "name": "兩會", "slug": "two-sessions", "kind": "topic", "aliases": [], "exclude": ["省两会"] } ]""");

        Assert.Equal(["省两会"], Assert.Single(TagTaxonomy.Load(path)).Exclude);
    }

    [Fact]
    public void SeedMetadataDescribesBothSeeds()
    {
        var metadata = ArticleMetadataFile.Load(Path.Combine(Repository.Seeds, ArticleMetadataFile.FileName));

        Assert.Equal(
            Directory.GetFiles(Repository.Seeds, "*.txt").Select(Path.GetFileName).Order(),
            metadata.Keys.Order());
        Assert.Equal("趙廣立", metadata["000_bbd2b401c3b78db9.txt"].Author);
        var essay = metadata["002_d666bc290ea309f0.txt"];
        Assert.Equal(("人民論壇", "2025-04", (string?)null, "馬莉莎"), (essay.Source, essay.Published, essay.Author, essay.Editor));
        Assert.All(metadata.Values, m => Assert.Equal("zh-Hant", m.Script));
    }
}
