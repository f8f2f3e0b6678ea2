using PolicyNews.Tests.Search;

namespace PolicyNews.Tests.Store;

/// <summary>Pinyin inside headings is stored and read back like paragraph pinyin (migration 003).</summary>
public sealed class HeadingMarksTests : IClassFixture<SeedArchive>
{
    readonly SeedArchive seeds;

    public HeadingMarksTests(SeedArchive seeds) => this.seeds = seeds;

    [Fact]
    public void HeadingAnnotationsOfTheEssayAreStoredWithOffsetsIntoTheHeading()
    {
        var essay = seeds.Articles.GetArticle(SeedArchive.Lessons)!;

        var annotations = essay.Sections.SelectMany(s => s.HeadingMarks.Annotations.Select(a => (s.Heading, a))).ToList();
        Assert.Equal(9, annotations.Count);
        Assert.All(annotations, x => Assert.Equal(x.a.Character, x.Heading!.Substring(x.a.Offset, x.a.Character.Length)));
        Assert.Empty(essay.Sections.Single(s => s.IsLead).HeadingMarks.Annotations);
    }

    [Fact]
    public void ASectionPageViewCarriesItsHeadingAnnotations()
    {
        var essay = seeds.Articles.GetArticle(SeedArchive.Lessons)!;
        var annotated = essay.Sections.First(s => s.HeadingMarks.Annotations.Count > 0);

        var page = seeds.Articles.GetSection(annotated.StableId)!;

        Assert.Equal(annotated.HeadingMarks.Annotations, page.Section.HeadingMarks.Annotations);
    }
}
