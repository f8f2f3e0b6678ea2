using System.Text.Json;
using PolicyNews.Archive.Store;
using PolicyNews.Archive.Text;

namespace PolicyNews.Archive.Import;

/// <summary>
/// One tag of the taxonomy in <c>tags.json</c>. A section is tagged when its heading or text
/// mentions the name or any alias; aliases carry both scripts (and Latin forms where used).
/// </summary>
public sealed record TagDefinition(string Name, string Slug, string Kind, IReadOnlyList<string> Aliases)
{
    /// <summary>The name first, then the aliases, without repeats or blanks.</summary>
    public IEnumerable<string> Terms => new[] { Name }.Concat(Aliases).Where(a => !string.IsNullOrWhiteSpace(a)).Distinct();

    public bool IsMentionedIn(string text) => Terms.Any(term => TagTaxonomy.Mentions(text, term));
}

/// <summary>Reads <c>tags.json</c> and decides what a text mentions.</summary>
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
            if (tag.Aliases?.Any(a => a.Contains('|')) == true)
                throw new SourceRejectedException(path, $"tag '{tag.Name}': aliases may not contain '|'");
        }
        var duplicate = tags.GroupBy(t => t.Slug).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new SourceRejectedException(path, $"tag slug '{duplicate.Key}' is used more than once");
        return tags.Select(t => t with { Aliases = t.Aliases ?? [] }).ToList();
    }

    /// <summary>
    /// Whether <paramref name="text"/> mentions <paramref name="term"/>. Chinese has no spaces, so
    /// Chinese terms match anywhere; a Latin term must not run into other Latin letters or digits,
    /// so that "AI" matches 人工智能(AI) but not "OpenAI". Latin matches ignore case.
    /// </summary>
    public static bool Mentions(string text, string term)
    {
        for (var at = text.IndexOf(term, StringComparison.OrdinalIgnoreCase); at >= 0;
             at = text.IndexOf(term, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + term.Length;
            var clearBefore = !IsLatinWord(term[0]) || at == 0 || !IsLatinWord(text[at - 1]);
            var clearAfter = !IsLatinWord(term[^1]) || end == text.Length || !IsLatinWord(text[end]);
            if (clearBefore && clearAfter)
                return true;
        }
        return false;
    }

    static bool IsLatinWord(char c) => char.IsAsciiLetterOrDigit(c);
}
