namespace PolicyNews.Archive.Store;

/// <summary>The facets of the archive listing, each a dimension a filter can narrow.</summary>
public enum Facet { Source, Type, Date, Tag, Kind }

/// <summary>
/// Which articles a listing (or a search) keeps: each set value narrows it, all of them together.
/// <see cref="Tag"/> is a tag's slug and <see cref="Kind"/> a tag kind (articles carrying a tag of
/// that kind); both go through <c>article_tags</c>. <see cref="From"/> and <see cref="To"/> are ISO
/// dates as precise as wanted (<c>2025</c>, <c>2025-03</c>, <c>2025-03-10</c>), both inclusive.
/// Dates compare as written, a less precise date before the more precise ones it covers
/// (2025 &lt; 2025-03 &lt; 2025-03-01): <c>from=2025-03</c> leaves out an article dated just
/// <c>2025</c> (it is not known to be from March on), and <c>to</c> stands for every date it covers
/// (<c>to=2025-03</c> keeps all of March). Undated articles drop out of any date range. The caller
/// checks the values (the web answers 400).
/// </summary>
public sealed record ArticleFilter(string? Source = null, string? Type = null, string? Tag = null, string? Kind = null,
    string? From = null, string? To = null)
{
    public static readonly ArticleFilter None = new();

    public bool IsEmpty => this == None;

    /// <summary>Is this facet set?</summary>
    public bool Has(Facet facet) => facet switch
    {
        Facet.Source => Source is not null,
        Facet.Type => Type is not null,
        Facet.Date => From is not null || To is not null,
        Facet.Tag => Tag is not null,
        Facet.Kind => Kind is not null,
        _ => false,
    };

    /// <summary>The same filter without one facet: what that facet's counts are taken over.</summary>
    public ArticleFilter Without(Facet facet) => With(facet, null);

    /// <summary>
    /// The filter with one facet set to a value the facet lists (a <see cref="FacetValue.Key"/>: a
    /// date value is a year or a month, which sets both ends of the range), or cleared by null.
    /// </summary>
    public ArticleFilter With(Facet facet, string? value) => facet switch
    {
        Facet.Source => this with { Source = value },
        Facet.Type => this with { Type = value },
        Facet.Date => this with { From = value, To = value },
        Facet.Tag => this with { Tag = value },
        Facet.Kind => this with { Kind = value },
        _ => this,
    };

    /// <summary>The year both ends of the date range fall in, when they do (then the months of that year are worth listing).</summary>
    public string? SingleYear => From is { Length: >= 4 } && To is { Length: >= 4 } && From[..4] == To[..4] ? From[..4] : null;

    /// <summary>
    /// The SQL condition over <c>articles a</c> (<c>1 = 1</c> when nothing is set), with its
    /// parameters in <see cref="Parameters"/>. Every part reads an index: source and type their own,
    /// dates <c>articles_by_published</c>, tags and kinds <c>article_tags</c>.
    /// </summary>
    internal string Sql
    {
        get
        {
            var parts = new List<string>();
            if (Source is not null)
                parts.Add("a.source = @Source");
            if (Type is not null)
                parts.Add("a.type = @Type");
            if (From is not null)
                parts.Add("a.published >= @From");
            if (To is not null)
                parts.Add("a.published < @ToEnd");
            if (Tag is not null)
                parts.Add("a.id IN (SELECT at.article_id FROM article_tags at WHERE at.tag_id = (SELECT id FROM tags WHERE slug = @Tag))");
            if (Kind is not null)
                parts.Add("a.id IN (SELECT at.article_id FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE t.kind = @Kind)");
            return parts.Count == 0 ? "1 = 1" : string.Join(" AND ", parts);
        }
    }

    /// <summary>The parameters of <see cref="Sql"/>.</summary>
    internal object Parameters => new { Source, Type, Tag, Kind, From, ToEnd };

    /// <summary>
    /// Sorts after every date that starts with <see cref="To"/> ('~' after digits and '-'), so "up
    /// to and including" is one index range.
    /// </summary>
    internal string? ToEnd => To is null ? null : To + "~";
}
