using PolicyNews.Archive.Import;
using PolicyNews.Archive.Search;
using PolicyNews.Archive.Store;

namespace PolicyNews.Importer;

/// <summary>
/// <c>suggest-tags --db FILE</c> (or <c>--provider PostgreSQL --connection "…"</c>): reads an archive
/// and prints the names and terms that no tag in it covers, most prominent first, with how often they
/// occur and an example (<see cref="TagSuggester"/>). It only reads: the archive is not changed, and
/// a missing file or a database without an archive is an error rather than a new archive.
/// </summary>
public sealed class SuggestTagsCommand(TextWriter output, TextWriter error)
{
    /// <param name="location">The SQLite file, or the PostgreSQL connection string.</param>
    public int Run(string location, KeywordMethod method, int top, int minCount, ArchiveProvider provider = ArchiveProvider.Sqlite)
    {
        var (opened, problem) = ExistingArchive.Open(location, provider);
        if (opened is null)
        {
            error.WriteLine(problem);
            return ImportCommand.Failure;
        }
        IReadOnlyList<TagDefinition> tags;
        IReadOnlyList<SectionText> sections;
        try
        {
            using var archive = opened;
            (tags, sections) = TaggingReader.Read(archive);
        }
        catch (StoreException ex)
        {
            error.WriteLine($"error: {ExistingArchive.Name(location, provider)}: {ex.Message}");
            return ImportCommand.Failure;
        }

        var candidates = new TagSuggester(tags, method).Suggest(sections, minCount);
        var articles = sections.Select(s => s.ArticleSlug).Distinct().Count();
        output.WriteLine($"{articles} articles, {sections.Count} sections, {tags.Count} tags; " +
                         $"{(method == KeywordMethod.TextRank ? "TextRank" : "TF-IDF")} keywords no tag covers, found at least {minCount}×");
        // Names first: they are what a taxonomy most often lacks; common nouns follow as terms.
        Print("names", candidates.Names.Take(top).ToList());
        Print("terms", candidates.Terms.Take(top).ToList());
        output.WriteLine("add those worth a tag to tags.json (a Traditional name, an English slug, a kind) and import again.");
        return ImportCommand.Success;
    }

    void Print(string what, IReadOnlyList<TagCandidate> candidates)
    {
        output.WriteLine();
        output.WriteLine(candidates.Count == 0 ? $"{what}: none" : $"{what}:");
        if (candidates.Count == 0)
            return;
        output.WriteLine($"{"weight",6} {"count",5} {"sections",8}  {"guess",-12}  candidate  example");
        foreach (var c in candidates)
        {
            var gloss = c.Glosses.Count > 0 ? $" ({string.Join(", ", c.Glosses)})" : "";
            var contains = c.ContainsTags.Count > 0 ? $"  (contains tag {string.Join(", ", c.ContainsTags)})" : "";
            output.WriteLine($"{c.Weight,6:0.00} {c.Count,5} {c.Sections,8}  {c.Guess,-12}  {c.Term}{gloss}  {c.Example}{contains}");
        }
    }
}
