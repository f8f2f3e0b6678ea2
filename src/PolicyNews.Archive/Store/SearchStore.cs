using PolicyNews.Archive.Search;

// Dapper fills the row classes below by property name.

namespace PolicyNews.Archive.Store;

/// <summary>
/// Full-text search over sections (issue 5): parses the query (<see cref="SearchQuery"/>), asks
/// the FTS5 index for one page of matching sections, then finds the best paragraph and cuts a
/// highlighted snippet from the stored text of just those sections. Any input gives a result;
/// a query with nothing to search gives an empty one whose <see cref="SearchQuery.Status"/> says why.
/// </summary>
public sealed class SearchStore(ArchiveDatabase database, int rankAllUpTo = SearchStore.DefaultRankAllUpTo)
{
    public const int MaxPageSize = 100;

    /// <summary>
    /// Up to this many hits, relevance is BM25 over all of them. Beyond it (a word in a good part of
    /// the archive) BM25 for every hit costs more than the rest of the search together (about 2 µs
    /// a hit, docs/search.md), so sections whose headings match come first, ranked by BM25, and the
    /// other hits follow most recently imported first.
    /// </summary>
    public const int DefaultRankAllUpTo = 2000;

    // bm25 column weights in column order, each heading column before its body column (migration
    // 002): a term in a short heading already scores high, the weight makes a heading hit outrank
    // body hits. Given to FTS5 as its rank function, so ORDER BY rank sorts inside FTS5.
    public const string RankFunction = "bm25(8.0, 1.0, 8.0, 1.0, 8.0, 1.0, 8.0, 1.0)";

    // Filters are rowid sets computed once per statement, so the FTS5 table stays the only loop:
    // counting and ranking thousands of hits never joins sections and articles row by row.
    const string Matching = $"""
        FROM search_sections f
        {Conditions}
        """;

    const string Conditions = """
        WHERE search_sections MATCH @Match AND rank MATCH @RankFunction
          AND (@Article IS NULL OR f.rowid IN (SELECT s.id FROM sections s JOIN articles a ON a.id = s.article_id
                                               WHERE a.slug = @Article))
          AND (@Tag IS NULL OR f.rowid IN (SELECT st.section_id FROM section_tags st JOIN tags t ON t.id = st.tag_id
                                           WHERE t.slug = @Tag))
        """;

    public SearchResults Search(SearchRequest request)
    {
        var query = SearchQuery.Parse(request.Query);
        var pageSize = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var page = Math.Max(1, request.Page);
        if (query.MatchExpression is null)
            return new SearchResults(query, 0, page, pageSize, []);

        var filter = new Filter(query.MatchExpression, RankFunction, Blank(request.Article), Blank(request.Tag),
            pageSize, (long)(page - 1) * pageSize);

        return database.Read($"search for '{query.Text}'", session =>
        {
            var total = Count(session, filter);
            var ranked = total == 0 ? []
                : request.Sort == SearchSort.Newest ? session.Query<RankRow>(NewestPage, filter)
                : total <= rankAllUpTo ? session.Query<RankRow>(RelevancePage, filter)
                : HeadingsThenRecent(session, query, filter, rankAllUpTo);
            if (ranked.Count == 0)
                return new SearchResults(query, total, page, pageSize, []);

            var ids = ranked.Select(r => r.Id).ToList();
            var sections = session.Query<HitRow>("""
                SELECT s.id, s.ordinal, s.heading, s.stable_id AS StableId, s.slug,
                       a.id AS ArticleId, a.slug AS ArticleSlug, a.title AS ArticleTitle,
                       a.source AS ArticleSource, a.published AS ArticlePublished
                FROM sections s JOIN articles a ON a.id = s.article_id
                WHERE s.id IN @ids
                """, new { ids }).ToDictionary(s => s.Id);
            var paragraphs = session.Query<ParagraphRow>("""
                SELECT section_id AS SectionId, stable_id AS StableId, text
                FROM paragraphs WHERE section_id IN @ids ORDER BY section_id, ordinal
                """, new { ids }).ToLookup(p => p.SectionId);

            var rows = ranked.Select(r => (Section: sections[r.Id], r.Rank)).ToList();
            var articles = rows.GroupBy(r => r.Section.ArticleId)   // keeps the order of each article's first hit
                .Select(g => new SearchArticleHits(
                    new ArticleRef(g.First().Section.ArticleSlug, g.First().Section.ArticleTitle,
                        g.First().Section.ArticleSource, g.First().Section.ArticlePublished),
                    g.Select(r => Hit(r.Section, -r.Rank, paragraphs[r.Section.Id], query)).ToList()))
                .ToList();
            return new SearchResults(query, total, page, pageSize, articles);
        });
    }

    // Newest first needs every hit's date; relevance needs only FTS5's own order.
    const string NewestPage = $"""
        SELECT f.rowid AS Id, f.rank AS Rank
        FROM search_sections f
        JOIN sections s ON s.id = f.rowid
        JOIN articles a ON a.id = s.article_id
        {Conditions}
        ORDER BY a.published DESC NULLS LAST, a.id DESC, s.ordinal
        LIMIT @Take OFFSET @Skip
        """;

    const string RelevancePage = $"""
        SELECT f.rowid AS Id, f.rank AS Rank
        {Matching}
        ORDER BY f.rank, f.rowid
        LIMIT @Take OFFSET @Skip
        """;

    // FTS5 walks its lists backwards and stops after the page: BM25 only for the rows returned.
    const string RecentPage = $"""
        SELECT f.rowid AS Id, f.rank AS Rank
        {Matching}
        ORDER BY f.rowid DESC
        LIMIT @Take OFFSET @Skip
        """;

    static int Count(ReadSession session, Filter filter) => session.QuerySingleOrDefault<int>($"SELECT COUNT(*) {Matching}", filter);

    /// <summary>A page of "heading matches by BM25, then the other hits most recently imported first".</summary>
    static List<RankRow> HeadingsThenRecent(ReadSession session, SearchQuery query, Filter filter, int rankAllUpTo)
    {
        var headings = filter with { Match = query.HeadingMatchExpression! };
        var headingHits = Count(session, headings);
        // Headings can match thousands of sections too (generated or templated headings); then they
        // are not ranked either, or the cap would only move the cost from bodies to headings.
        var headingPage = headingHits <= rankAllUpTo ? RelevancePage : RecentPage;
        var rows = filter.Skip < headingHits ? session.Query<RankRow>(headingPage, headings) : [];
        var missing = filter.Take - rows.Count;
        if (missing > 0)
            rows.AddRange(session.Query<RankRow>(RecentPage, filter with
            {
                Match = query.BodyOnlyMatchExpression!,
                Take = missing,
                Skip = Math.Max(0, filter.Skip - headingHits),
            }));
        return rows;
    }

    /// <summary>The parameters of every search statement (Dapper reads them by name).</summary>
    sealed record Filter(string Match, string RankFunction, string? Article, string? Tag, int Take, long Skip);

    /// <summary>
    /// The best paragraph is the one matching the most distinct terms, then the most matches, then
    /// the earliest; the snippet comes from it, or from the first paragraph if only the heading matched.
    /// </summary>
    static SearchHit Hit(HitRow row, double score, IEnumerable<ParagraphRow> paragraphs, SearchQuery query)
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
            return new SearchHit(link, best.Paragraph.StableId, heading, SearchHighlighter.Cut(best.Paragraph.Text, best.Match.Spans), score);
        var first = candidates.FirstOrDefault().Paragraph;
        return new SearchHit(link, null, heading, first is null ? Snippet.Empty : SearchHighlighter.Cut(first.Text, []), score);
    }

    static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    sealed class RankRow
    {
        public long Id { get; set; }
        public double Rank { get; set; }
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
    }

    sealed class ParagraphRow
    {
        public long SectionId { get; set; }
        public string StableId { get; set; } = "";
        public string Text { get; set; } = "";
    }
}
