using PolicyNews.Archive.Search;

namespace PolicyNews.Archive.Store;

/// <summary>
/// Full-text search over sections (issue 5): parses the query (<see cref="SearchQuery"/>), asks
/// the FTS5 index for one page of matching sections, then finds the best paragraph and cuts a
/// highlighted snippet from the stored text of just those sections. Any input gives a result;
/// a query with nothing to search gives an empty one whose <see cref="SearchQuery.Status"/> says why.
/// </summary>
public sealed class SearchStore(ArchiveDatabase database)
{
    public const int MaxPageSize = 100;

    // bm25 column weights, in column order (heading, body, heading_pinyin, body_pinyin): a term in
    // a short heading already scores high, the weight makes a heading hit outrank body hits.
    const string Rank = "bm25(search_sections, 8.0, 1.0, 8.0, 1.0)";

    const string Matching = """
        FROM search_sections f
        JOIN sections s ON s.id = f.rowid
        JOIN articles a ON a.id = s.article_id
        WHERE search_sections MATCH @Match
          AND (@Article IS NULL OR a.slug = @Article)
          AND (@Tag IS NULL OR s.id IN (SELECT st.section_id FROM section_tags st
                                        JOIN tags t ON t.id = st.tag_id WHERE t.slug = @Tag))
        """;

    public SearchResults Search(SearchRequest request)
    {
        var query = SearchQuery.Parse(request.Query);
        var pageSize = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var page = Math.Max(1, request.Page);
        if (query.MatchExpression is null)
            return new SearchResults(query, 0, 0, page, pageSize, []);

        var filter = new
        {
            Match = query.MatchExpression,
            Article = Blank(request.Article),
            Tag = Blank(request.Tag),
            Take = pageSize,
            Skip = (long)(page - 1) * pageSize,
        };
        var order = request.Sort == SearchSort.Newest
            ? "a.published DESC NULLS LAST, a.id DESC, s.ordinal"
            : "Rank, s.id";

        return database.Read($"search for '{query.Text}'", session =>
        {
            var counts = session.QuerySingleOrDefault<CountRow>(
                $"SELECT COUNT(*) AS Hits, COUNT(DISTINCT s.article_id) AS Articles {Matching}", filter)!;
            var rows = counts.Hits == 0 ? [] : session.Query<HitRow>($"""
                SELECT s.id, s.ordinal, s.heading, s.stable_id AS StableId, s.slug,
                       a.id AS ArticleId, a.slug AS ArticleSlug, a.title AS ArticleTitle,
                       a.source AS ArticleSource, a.published AS ArticlePublished,
                       {Rank} AS Rank
                {Matching}
                ORDER BY {order}
                LIMIT @Take OFFSET @Skip
                """, filter);

            var paragraphs = rows.Count == 0 ? null : session.Query<ParagraphRow>("""
                SELECT section_id AS SectionId, stable_id AS StableId, text
                FROM paragraphs WHERE section_id IN @ids ORDER BY section_id, ordinal
                """, new { ids = rows.Select(r => r.Id).ToList() }).ToLookup(p => p.SectionId);

            var articles = rows.GroupBy(r => r.ArticleId)   // keeps the order of each article's first hit
                .Select(g => new SearchArticleHits(
                    new ArticleRef(g.First().ArticleSlug, g.First().ArticleTitle, g.First().ArticleSource, g.First().ArticlePublished),
                    g.Select(r => Hit(r, paragraphs![r.Id], query)).ToList()))
                .ToList();
            return new SearchResults(query, counts.Hits, counts.Articles, page, pageSize, articles);
        });
    }

    /// <summary>
    /// The best paragraph is the one matching the most distinct terms, then the most matches, then
    /// the earliest; the snippet comes from it, or from the first paragraph if only the heading matched.
    /// </summary>
    static SearchHit Hit(HitRow row, IEnumerable<ParagraphRow> paragraphs, SearchQuery query)
    {
        var heading = row.Heading is null ? [] : SearchHighlighter.Segments(row.Heading, SearchHighlighter.Find(row.Heading, query).Spans);
        var candidates = paragraphs.Select(p => (Paragraph: p, Match: SearchHighlighter.Find(p.Text, query))).ToList();
        var best = candidates
            .Where(c => c.Match.Spans.Count > 0)
            .OrderByDescending(c => c.Match.TermsMatched)
            .ThenByDescending(c => c.Match.Spans.Count)
            .FirstOrDefault();     // stable sort: the earliest among equals

        var link = new SectionLink(row.StableId, row.Slug, row.Ordinal, row.Heading);
        if (best.Paragraph is not null)
            return new SearchHit(link, best.Paragraph.StableId, heading, SearchHighlighter.Cut(best.Paragraph.Text, best.Match.Spans), -row.Rank);
        var first = candidates.FirstOrDefault().Paragraph;
        return new SearchHit(link, null, heading, first is null ? Snippet.Empty : SearchHighlighter.Cut(first.Text, []), -row.Rank);
    }

    static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    sealed class CountRow
    {
        public int Hits { get; set; }
        public int Articles { get; set; }
    }

    sealed class HitRow
    {
        public long Id { get; set; }
        public int Ordinal { get; set; }
        public string? Heading { get; set; }
        public string StableId { get; set; } = "";
        public string Slug { get; set; } = "";
        public long ArticleId { get; set; }
        public string ArticleSlug { get; set; } = "";
        public string ArticleTitle { get; set; } = "";
        public string? ArticleSource { get; set; }
        public string? ArticlePublished { get; set; }
        public double Rank { get; set; }
    }

    sealed class ParagraphRow
    {
        public long SectionId { get; set; }
        public string StableId { get; set; } = "";
        public string Text { get; set; } = "";
    }
}
