using Dapper;
using PolicyNews.Archive.Import;

namespace PolicyNews.Tests.Import;

/// <summary>
/// Stable ids are short hash prefixes, unique across the archive: in a large archive two articles'
/// short forms collide. The import must still succeed, and no stored id may change.
/// </summary>
public sealed class StableIdCollisionTests : IDisposable
{
    // Found by brute force (first 7 / 10 hex of SHA-256 equal); the constructor checks they still collide.
    const string HeadingA = "第2410節", HeadingB = "第37095節";
    const string TextA = "第549571段說明。", TextB = "第716200段說明。";

    readonly SmallArchive archive = new();

    public StableIdCollisionTests()
    {
        Assert.Equal(Slugs.SectionId("a", HeadingA), Slugs.SectionId("b", HeadingB));
        Assert.Equal(Slugs.ParagraphId("a", TextA), Slugs.ParagraphId("b", TextB));
    }

    public void Dispose() => archive.Dispose();

    string SectionId(string articleSlug, string heading) => archive.Scalar<string>(
        $"SELECT s.stable_id FROM sections s JOIN articles a ON a.id = s.article_id WHERE a.slug = '{articleSlug}' AND s.heading = '{heading}'");

    string ParagraphId(string text) => archive.Scalar<string>($"SELECT stable_id FROM paragraphs WHERE text = '{text}'");

    void Import(params (string File, string Text)[] files)
    {
        var result = archive.Import(files.Select(f => archive.Write(f.File, f.Text)).ToArray());
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
    }

    static string Article(string heading, string text, string extra = "") => $"開頭的一段話，說明背景。{extra}\n{heading}\n{text}\n";

    public static TheoryData<bool> SameRun => new() { true, false };

    [Theory]
    [MemberData(nameof(SameRun))]
    public void ANewcomerWhoseShortSectionIdIsTakenGetsALongerFormOfTheSameHash(bool sameRun)
    {
        if (sameRun)
            Import(("a.txt", Article(HeadingA, "甲。")), ("b.txt", Article(HeadingB, "乙。")));
        else
        {
            Import(("a.txt", Article(HeadingA, "甲。")));
            Import(("b.txt", Article(HeadingB, "乙。")));
        }

        var full = Slugs.SectionIdForms("b", HeadingB);
        Assert.Equal(Slugs.SectionId("a", HeadingA), SectionId("a", HeadingA));
        Assert.Equal(full[1], SectionId("b", HeadingB));
        Assert.Matches("^s[0-9a-f]{12}$", full[1]);
        Assert.StartsWith(full[0], full[1]);
    }

    [Fact]
    public void ANewcomerWhoseShortParagraphIdIsTakenGetsALongerForm()
    {
        Import(("a.txt", Article("甲節", TextA)), ("b.txt", Article("乙節", TextB)));

        Assert.Equal(Slugs.ParagraphId("a", TextA), ParagraphId(TextA));
        Assert.Equal(Slugs.ParagraphIdForms("b", TextB)[1], ParagraphId(TextB));
    }

    [Fact]
    public void StoredIdsSurviveReimportsAndTheDeletionOfTheShortFormsOwner()
    {
        Import(("a.txt", Article(HeadingA, TextA)), ("b.txt", Article(HeadingB, TextB)));
        var (sectionB, paragraphB) = (SectionId("b", HeadingB), ParagraphId(TextB));

        // Both rewritten, b first this time: each keeps what it has.
        Import(("b.txt", Article(HeadingB, TextB, "改了。")), ("a.txt", Article(HeadingA, TextA, "改了。")));
        Assert.Equal(Slugs.SectionId("a", HeadingA), SectionId("a", HeadingA));
        Assert.Equal((sectionB, paragraphB), (SectionId("b", HeadingB), ParagraphId(TextB)));

        // The owner of the short forms goes; b still keeps its longer ones.
        using (var connection = archive.Connect())
            connection.Execute("PRAGMA foreign_keys = ON; DELETE FROM source_files WHERE file_name = 'a.txt'");
        Import(("b.txt", Article(HeadingB, TextB, "再改。")));
        Assert.Equal((sectionB, paragraphB), (SectionId("b", HeadingB), ParagraphId(TextB)));
    }

    [Fact]
    public void AShortSectionIdStillRedirectingIsTakenToo()
    {
        Import(("a.txt", Article(HeadingA, "甲。")));
        var retired = SectionId("a", HeadingA);
        Import(("a.txt", Article("改名的節", "甲。")), ("b.txt", Article(HeadingB, "乙。")));

        Assert.Equal(retired, archive.Scalar<string>("SELECT stable_id FROM retired_section_ids"));
        Assert.Equal(Slugs.SectionIdForms("b", HeadingB)[1], SectionId("b", HeadingB));
    }
}
