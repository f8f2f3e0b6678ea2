using System.Text.Json;
using PolicyNews.Archive.Store;
using PolicyNews.Archive.Text;

namespace PolicyNews.Archive.Import;

/// <summary>
/// One tag of the taxonomy in <c>tags.json</c>. A section is tagged when its heading or text
/// mentions the name or an alias (<see cref="TagMatcher"/> says how). Aliases need not repeat a term
/// in the other script or a variant spelling: matching folds those. <see cref="Exclude"/> lists
/// contexts in which the tag's terms do not count (兩會 excludes 省兩會: a provincial session is not
/// the national one).
/// </summary>
public sealed record TagDefinition(string Name, string Slug, string Kind, IReadOnlyList<string> Aliases,
    IReadOnlyList<string>? Exclude = null)
{
    /// <summary>The name first, then the aliases, without repeats or blanks.</summary>
    public IEnumerable<string> Terms => new[] { Name }.Concat(Aliases).Where(a => !string.IsNullOrWhiteSpace(a)).Distinct();
}

/// <summary>Reads and checks <c>tags.json</c>.</summary>
public static class TagTaxonomy
{
    public const string FileName = "tags.json";

    public static IReadOnlyList<TagDefinition> Load(string path)
    {
        List<TagDefinition>? tags;
        try
        {
            tags = JsonSerializer.Deserialize<List<TagDefinition>>(File.ReadAllText(path), ArticleMetadataFile.Json);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new SourceRejectedException(path, $"unreadable tag taxonomy: {ex.Message}");
        }
        if (tags is null)
            throw new SourceRejectedException(path, "tag taxonomy holds null; expected an array of tags");

        foreach (var tag in tags)
        {
            if (tag is null || string.IsNullOrWhiteSpace(tag.Name))
                throw new SourceRejectedException(path, "a tag has no name");
            if (tag.Slug is null || !Slugs.IsValid(tag.Slug))
                throw new SourceRejectedException(path, $"tag '{tag.Name}': slug '{tag.Slug}' must be lowercase ASCII words joined by hyphens");
            if (!TagKinds.IsKnown(tag.Kind))
                throw new SourceRejectedException(path, $"tag '{tag.Name}': kind '{tag.Kind}' is not one of {string.Join(", ", TagKinds.All.Select(k => k.Key))}");
            if (new[] { tag.Name }.Concat(tag.Aliases ?? []).Concat(tag.Exclude ?? [])
                    .Select(term => ControlCharacters.Problem("a term", term)).FirstOrDefault(p => p is not null) is { } problem)
                throw new SourceRejectedException(path, $"tag '{tag.Name}': {problem}");
            if (tag.Aliases?.Any(a => a.Contains('|')) == true || tag.Exclude?.Any(e => e.Contains('|')) == true)
                throw new SourceRejectedException(path, $"tag '{tag.Name}': aliases and exclusions may not contain '|'");
            CheckExclusions(path, tag with { Aliases = tag.Aliases ?? [] });
        }
        var duplicate = tags.GroupBy(t => t.Slug).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new SourceRejectedException(path, $"tag slug '{duplicate.Key}' is used more than once");
        return tags.Select(t => t with { Aliases = t.Aliases ?? [], Exclude = t.Exclude ?? [] }).ToList();
    }

    /// <summary>
    /// An exclusion must contain one of the tag's own terms; one that does not can never exclude a
    /// match and is most likely a typo, so the file is rejected rather than silently ignoring it.
    /// </summary>
    static void CheckExclusions(string path, TagDefinition tag)
    {
        var terms = tag.Terms.SelectMany(TagMatcher.Spellings).ToList();
        foreach (var context in tag.Exclude ?? [])
        {
            if (string.IsNullOrWhiteSpace(context))
                throw new SourceRejectedException(path, $"tag '{tag.Name}': an exclusion is blank");
            if (!TagMatcher.Spellings(context).Any(c => terms.Any(t => c.Contains(t, StringComparison.Ordinal))))
                throw new SourceRejectedException(path,
                    $"tag '{tag.Name}': exclusion '{context}' contains none of the tag's terms, so it would exclude nothing");
        }
    }

    /// <summary>
    /// The aliases of <paramref name="tag"/> that matching already finds through an earlier term: a
    /// Simplified or variant twin (杨学明 beside 楊學明) adds nothing and need not be listed.
    /// </summary>
    public static IReadOnlyList<string> RedundantAliases(TagDefinition tag)
    {
        var seen = new HashSet<string>(TagMatcher.Spellings(tag.Name));
        var redundant = new List<string>();
        foreach (var alias in tag.Aliases.Where(a => !string.IsNullOrWhiteSpace(a)))
        {
            var spellings = TagMatcher.Spellings(alias).ToList();
            if (spellings.Any(seen.Contains))
                redundant.Add(alias);
            seen.UnionWith(spellings);
        }
        return redundant;
    }
}
