using Dapper;

namespace PolicyNews.Archive.Store;

/// <summary>
/// The archive listing: one page of articles a filter keeps, newest first (undated last), with the
/// total and, when asked, the facets. Every query is indexed (migration 009) and bounded by the
/// page, except the facet counts, which read index entries of the articles the rest of the
/// selection keeps (query plans in migration 009's comments).
/// </summary>
public sealed class ListingStore(ArchiveDatabase database)
{
    public const int DefaultPageSize = 20;

    /// <summary>How many values a facet with an open vocabulary (sources, tags) lists at most: the most frequent.</summary>
    public const int FacetLimit = 30;

    /// <summary>
    /// Page <paramref name="page"/> (from 1) of the articles <paramref name="filter"/> keeps;
    /// <paramref name="pageSize"/> is clamped to 1..<see cref="Paging.MaxSize"/>. A page past the end
    /// is empty (the total says how many there are).
    /// </summary>
    public ArticlePage Browse(ArticleFilter filter, int page = 1, int pageSize = DefaultPageSize, bool withFacets = false,
        CancellationToken cancellationToken = default) =>
        database.Read($"list articles ({Describe(filter)}, page {page})", session =>
        {
            var paging = Paging.Of(page, pageSize);
            var parameters = new DynamicParameters(filter.Parameters);
            parameters.Add("Take", paging.Take);
            parameters.Add("Skip", paging.Skip);

            var total = session.QuerySingleOrDefault<int>($"SELECT COUNT(*) FROM articles a WHERE {filter.Sql}", parameters);
            var rows = session.Query<CardRow>($"""
                SELECT a.id, a.slug, a.title, a.source, a.published, a.author, a.summary, a.type
                FROM articles a WHERE {filter.Sql}
                ORDER BY a.published DESC NULLS LAST, a.id DESC
                LIMIT @Take OFFSET @Skip
                """, parameters);
            return new ArticlePage(Cards(session, rows), paging with { Total = total },
                withFacets ? Facets(session, filter) : null);
        }, cancellationToken);

    /// <summary>The rows as cards, with their sections and tags: two queries for the whole page.</summary>
    static List<ArticleSummary> Cards(ReadSession session, List<CardRow> rows)
    {
        if (rows.Count == 0)
            return [];
        var ids = session.Sql.Ids(rows.Select(r => r.Id));
        var sections = session.Query<SectionRow>($"""
            SELECT article_id AS ArticleId, ordinal, heading, stable_id AS StableId, slug
            FROM sections WHERE {session.Sql.InIds("article_id", "ids")}
            ORDER BY article_id, ordinal
            """, new { ids }).ToLookup(s => s.ArticleId);
        var tags = session.Query<ArticleTagRow>($"""
            SELECT at.article_id AS ArticleId, t.slug, t.name, t.kind
            FROM article_tags at JOIN tags t ON t.id = at.tag_id
            WHERE {session.Sql.InIds("at.article_id", "ids")}
            ORDER BY {TagStore.TagOrder}
            """, new { ids }).ToLookup(t => t.ArticleId);
        return rows.Select(a => new ArticleSummary(a.Slug, a.Title, a.Source, a.Published, a.Author, a.Summary,
                sections[a.Id].Select(s => new SectionLink(s.StableId, s.Slug, s.Ordinal, s.Heading)).ToList(),
                tags[a.Id].Select(t => new TagRef(t.Slug, t.Name, t.Kind)).ToList(), a.Type))
            .ToList();
    }

    internal static readonly FacetQuery Sources = new("source", "a.source", "a.source", "NULL", "COUNT(*)", "a.source IS NOT NULL", "a.source", "Count DESC, Key");
    internal static readonly FacetQuery Types = new("type", "a.type", "a.type", "NULL", "COUNT(*)", "1 = 1", "a.type", "Count DESC, Key");
    internal static readonly FacetQuery Years = new("year", "substr(a.published, 1, 4)", "substr(a.published, 1, 4)", "NULL", "COUNT(*)",
        "a.published IS NOT NULL", "1", "Key DESC");
    // Months of one year (an article dated only to the year has no month).
    static readonly FacetQuery Months = new("month", "substr(a.published, 1, 7)", "substr(a.published, 1, 7)", "NULL", "COUNT(*)",
        "length(a.published) >= 7", "1", "Key DESC");
    // Tags and kinds count article_tags ("x": the filter's own subqueries name it "at").
    internal static readonly FacetQuery Tags = new("tag", "t.slug", "t.name", "t.kind", "COUNT(*)", "1 = 1", "x.tag_id, t.id", "Count DESC, Label");
    internal static readonly FacetQuery Kinds = new("kind", "t.kind", "t.kind", "NULL", "COUNT(DISTINCT x.article_id)", "1 = 1", "t.kind", "Key");

    /// <summary>Unfiltered, tags and kinds read the links alone; joined to the articles only when a filter needs their columns.</summary>
    internal const string TagLinksAlone = "article_tags x JOIN tags t ON t.id = x.tag_id";
    const string TagLinksOfArticles = "articles a JOIN article_tags x ON x.article_id = a.id JOIN tags t ON t.id = x.tag_id";

    /// <summary>
    /// Each facet counted over the articles the other facets keep, so that a value's count is what
    /// following its link (which sets that facet, keeping the others) shows. When the others keep
    /// every article, the counts the importer kept are read instead (<see cref="FacetCounts"/>).
    /// </summary>
    static ArticleFacets Facets(ReadSession session, ArticleFilter filter)
    {
        // Asked only when a facet could be read from the kept counts, and then once.
        var kept = new Lazy<bool>(() => session.QuerySingleOrDefault<bool>(FacetCounts.FilledSql));
        List<FacetValue> Count(Facet facet, FacetQuery query, string from, ArticleFilter? over = null)
        {
            var others = over ?? filter.Without(facet);
            var sql = others.IsEmpty && FacetCounts.Kept.Any(k => k.Query == query) && kept.Value
                ? FacetCounts.ReadSql(query)
                : $"{query.Sql(from, others.Sql)} ORDER BY {query.Order} LIMIT {FacetLimit}";
            return session.Query<FacetRow>(sql, others.Parameters).Select(r => new FacetValue(r.Key, r.Label, r.Count, r.Kind)).ToList();
        }
        string TagLinks(Facet facet) => filter.Without(facet).IsEmpty ? TagLinksAlone : TagLinksOfArticles;

        var sources = Count(Facet.Source, Sources, "articles a");
        var types = Count(Facet.Type, Types, "articles a")
            .Select(t => t with { Label = ArticleTypes.NameOf(t.Key) })
            .OrderBy(t => ArticleTypes.All.ToList().FindIndex(k => k.Key == t.Key)).ToList();
        var years = Count(Facet.Date, Years, "articles a");
        var months = filter.SingleYear is { } year ? Count(Facet.Date, Months, "articles a", filter with { From = year, To = year }) : [];
        var tags = Count(Facet.Tag, Tags, TagLinks(Facet.Tag));
        var kinds = Count(Facet.Kind, Kinds, TagLinks(Facet.Kind))
            .Select(k => k with { Label = TagKinds.NameOf(k.Key) })
            .OrderBy(k => TagKinds.Rank(k.Key)).ToList();
        return new ArticleFacets(sources, types, years, months, tags, kinds);
    }

    static string Describe(ArticleFilter filter) => filter.IsEmpty ? "all" : filter.ToString();

    sealed class CardRow
    {
        public long Id { get; set; }
        public string Slug { get; set; } = "";
        public string Title { get; set; } = "";
        public string? Source { get; set; }
        public string? Published { get; set; }
        public string? Author { get; set; }
        public string? Summary { get; set; }
        public string Type { get; set; } = ArticleTypes.Default;
    }

    sealed class FacetRow
    {
        public string Key { get; set; } = "";
        public string Label { get; set; } = "";
        public int Count { get; set; }
        public string? Kind { get; set; }
    }

    sealed class SectionRow
    {
        public long ArticleId { get; set; }
        public int Ordinal { get; set; }
        public string? Heading { get; set; }
        public string StableId { get; set; } = "";
        public string Slug { get; set; } = "";
    }

    sealed class ArticleTagRow
    {
        public long ArticleId { get; set; }
        public string Slug { get; set; } = "";
        public string Name { get; set; } = "";
        public string Kind { get; set; } = "";
    }
}

/// <summary>One page of the archive listing; <see cref="Facets"/> when asked for.</summary>
public sealed record ArticlePage(IReadOnlyList<ArticleSummary> Articles, Paging Paging, ArticleFacets? Facets);

/// <summary>
/// A facet's value: <see cref="Key"/> is what the URL carries (source name, type key, year or
/// yyyy-mm, tag slug, kind key), <see cref="Label"/> what readers see, <see cref="Count"/> how many
/// articles setting it leaves. <see cref="Kind"/> is the tag's kind for tag values.
/// </summary>
public sealed record FacetValue(string Key, string Label, int Count, string? Kind = null);

/// <summary>
/// The facets of a listing, each at most <see cref="ListingStore.FacetLimit"/> values: sources and
/// tags the most frequent first, types and kinds in their fixed order, years newest first, and the
/// months of the selected year when the date range lies within one.
/// </summary>
public sealed record ArticleFacets(
    IReadOnlyList<FacetValue> Sources,
    IReadOnlyList<FacetValue> Types,
    IReadOnlyList<FacetValue> Years,
    IReadOnlyList<FacetValue> Months,
    IReadOnlyList<FacetValue> Tags,
    IReadOnlyList<FacetValue> Kinds);
