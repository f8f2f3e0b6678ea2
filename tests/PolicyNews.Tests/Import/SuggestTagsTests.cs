using System.Diagnostics;
using System.Text.RegularExpressions;
using PolicyNews.Archive.Import;
using PolicyNews.Importer;
using PolicyNews.Tests.Search;

namespace PolicyNews.Tests.Import;

/// <summary>
/// suggest-tags: jieba.NET's keywords and the names found by rule, minus what the taxonomy covers.
/// All jieba tests live in this one class: jieba.NET loads its dictionaries into shared state.
/// </summary>
public sealed class SuggestTagsTests(SeedArchive seeds) : IClassFixture<SeedArchive>
{
    static readonly IReadOnlyList<TagDefinition> SeedTags = TagTaxonomy.Load(Path.Combine(Repository.Seeds, TagTaxonomy.FileName));

    TagSuggestions Suggest(IReadOnlyList<TagDefinition> tags, KeywordMethod method = KeywordMethod.TfIdf) =>
        new TagSuggester(tags, method).Suggest(TaggingReader.Read(seeds.Database).Sections, minCount: 1);

    [Theory]
    [InlineData(KeywordMethod.TfIdf)]
    [InlineData(KeywordMethod.TextRank)]
    public void ProposesTheNamesATaxonomyLacks(KeywordMethod method)
    {
        // The seed taxonomy as it was before these tags were added from this command's output.
        string[] lacking = ["andrej-karpathy", "yann-lecun", "china-science-daily", "chinese-academy-of-engineering",
            "institute-of-computing-technology-cas", "mit-technology-review", "japan"];

        var names = Suggest(SeedTags.Where(t => !lacking.Contains(t.Slug)).ToList(), method).Names.ToDictionary(c => c.Term);

        Assert.Equal(["Andrej Karpathy"], names["安德烈·卡帕西"].Glosses);   // the Latin in brackets is its alias
        Assert.Equal("person", names["安德烈·卡帕西"].Guess);
        Assert.Equal(["Yann LeCun"], names["楊立昆"].Glosses);
        Assert.Equal((5, 4), (names["中國科學報"].Count, names["中國科學報"].Sections));
        Assert.Equal("organisation", names["中國工程院"].Guess);
        Assert.Equal(["chinese-academy-of-sciences"], names["中國科學院計算技術研究所"].ContainsTags);
        Assert.Contains("麻省理工科技評論", names.Keys);
        Assert.Contains("日本", names.Keys);
        Assert.DoesNotContain("Andrej Karpathy", names.Keys);   // a gloss, not a name of its own
        Assert.DoesNotContain("安德烈", names.Keys);            // counted inside the whole name
        Assert.Contains("…至于OpenAI創始成員之一[安德烈·卡帕西]（Andrej Karpat…", names["安德烈·卡帕西"].Example);
    }

    [Fact]
    public void SuggestsNothingATagCovers()
    {
        var suggestions = Suggest(SeedTags);
        var matcher = new TagMatcher(SeedTags);

        var all = suggestions.Names.Concat(suggestions.Terms).ToList();
        Assert.NotEmpty(all);
        Assert.All(all, c => Assert.DoesNotContain(matcher.Matches(c.Term), m => m.Start == 0 && m.End == c.Term.Length));
        Assert.DoesNotContain(all, c => c.Term is "杭州" or "楊學明" or "山姆·奧特曼" or "遊戲科學" or "游戲科學" or "中國科學報");
    }

    [Fact]
    public void FindsNamesByTheirDotTheirTitleMarksAndTheirLatinGloss()
    {
        SectionText[] sections =
        [
            new("a", "《財經日報》報道，約翰·史密斯（John Smith）表示，杭州很好。\n約翰・史密斯還說，他會再來。"),
            new("b", "杭州的記者採訪了约翰·史密斯。"),
        ];

        var names = new TagSuggester([new("杭州", "hangzhou", "place", [])], KeywordMethod.TfIdf)
            .Suggest(sections, minCount: 1).Names.ToDictionary(c => c.Term);

        var smith = names["約翰·史密斯"];
        Assert.Equal((3, 2, "person"), (smith.Count, smith.Sections, smith.Guess));   // any dot, either script
        Assert.Equal(["John Smith"], smith.Glosses);
        Assert.Equal("organisation", names["財經日報"].Guess);
        Assert.DoesNotContain("杭州", names.Keys);
    }

    [Fact]
    public void CommandPrintsNamesAndTermsWithCountsAndExamples()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = new SuggestTagsCommand(output, error).Run(seeds.Location, KeywordMethod.TfIdf, top: 5, minCount: 2, TestProvider.Current);

        Assert.Equal(0, exit);
        Assert.Equal("", error.ToString());
        var lines = output.ToString().Split('\n', StringSplitOptions.TrimEntries);
        Assert.Equal("2 articles, 8 sections, 62 tags; TF-IDF keywords no tag covers, found at least 2×", lines[0]);
        Assert.Contains("names:", lines);
        Assert.Contains("terms:", lines);
        // weight, count, sections, guess, candidate, example: 中國 is in 6 of the 8 sections and no tag.
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^\d\.\d\d +22 +6  place +中國  …"));
    }

    [Fact]
    public void CommandRefusesAMissingDatabaseAndCreatesNone()
    {
        using var dir = new TempFolder();
        var error = new StringWriter();

        var exit = new SuggestTagsCommand(new StringWriter(), error).Run(dir["none.db"], KeywordMethod.TfIdf, 10, 1);

        Assert.Equal(ImportCommand.Failure, exit);
        Assert.Contains($"error: {dir["none.db"]}: no such archive database", error.ToString());
        Assert.False(File.Exists(dir["none.db"]));
    }

    [Fact]
    public void BuiltImporterSuggestsTagsWithTheDictionariesItShipsWith()
    {
        // Runs the importer from its own output folder, so jieba.NET's dictionaries must have been
        // copied there by the build (PolicyNews.Importer.csproj), not found beside the tests.
        string[] archive = TestProvider.IsPostgres ? ["--provider", "PostgreSQL", "--connection", seeds.Location] : ["--db", seeds.Location];
        var (exit, stdout, stderr) = BuiltImporter(["suggest-tags", .. archive, "--top", "3"]);

        Assert.True(exit == 0, stderr);
        Assert.Contains("names:", stdout);
        Assert.Contains("中國", stdout);
    }

    [Theory]
    [InlineData("--top 3", "--db <file> is required (or --provider PostgreSQL --connection")]
    [InlineData("--provider PostgreSQL --db archive.db", "--provider PostgreSQL takes --connection \"<connection string>\" in place of --db")]
    [InlineData("--db archive.db --connection Host=x", "--db <file> is required (or --provider PostgreSQL --connection")]
    public void BuiltImporterSaysWhichArchiveSuggestTagsNeeds(string arguments, string message)
    {
        var (exit, _, stderr) = BuiltImporter(["suggest-tags", .. arguments.Split(' ')]);

        Assert.Equal(ImportCommand.Failure, exit);
        Assert.Contains($"error: {message}", stderr);
        Assert.Contains("suggest-tags (--db <file> | --provider PostgreSQL --connection", stderr);
    }

    static (int Exit, string Stdout, string Stderr) BuiltImporter(string[] arguments)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var bin = Path.Combine(Repository.Root, "src", "PolicyNews.Importer", "bin", configuration, "net10.0");
        Assert.True(File.Exists(Path.Combine(bin, "jieba", "dict.txt")), $"build the importer first: {bin}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments.Prepend(Path.Combine(bin, "PolicyNews.Importer.dll")))
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }
}
