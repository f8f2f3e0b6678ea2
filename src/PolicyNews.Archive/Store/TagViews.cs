namespace PolicyNews.Archive.Store;

/// <summary>A tag in the tag index, with how many sections (and articles) mention it.</summary>
public sealed record TagSummary(string Slug, string Name, string Kind, int SectionCount, int ArticleCount);

/// <summary>One tag's page: the tag and one page of the sections tagged with it, newest article first.</summary>
public sealed record TagView(
    string Slug,
    string Name,
    string Kind,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<TaggedSection> Sections,
    Paging Paging);

/// <summary>A tagged section as a result row; <see cref="Excerpt"/> is its first paragraph.</summary>
public sealed record TaggedSection(ArticleRef Article, SectionLink Section, string? Excerpt);
