using PolicyNews.Archive.Store;

// Dapper fills the row classes below by property name.

namespace PolicyNews.Archive.Search;

/// <summary>
/// Full-text search over sections: parses the query (<see cref="SearchQuery"/>), asks
/// the FTS5 index for one page of matching sections, then finds the best paragraph and cuts a
/// highlighted snippet from the stored text of just those sections. Any input gives a result;
/// a query with nothing to search gives an empty one whose <see cref="SearchQuery.Status"/> says why.
/// </summary>
/// <remarks>
/// Up to <c>exactUpTo</c> hits a search is exact: every hit counted and ordered by the ranking rules
/// (docs/search.md, "Ranking"): how the terms matched (text, then pinyin read as the text's words,
/// then any other pinyin), then heading (a lead's heading is its article's title), then closeness of
/// the terms, then the article's date, newest first. Each rule is a set the FTS5 index gives
/// (a MATCH over the same table), so SQLite orders the hits and reads one page. Past the limit
/// counting and the date order would cost more than the rest of the search together (docs/search.md,
/// "Measurements"), so the search stops counting, reports "more than exactUpTo", and lists each
/// match tier in turn: sections whose heading holds the terms first, then the other hits most
/// recently imported first. <see cref="SearchRequest.CountAll"/> asks for the exact count anyway.
/// Lucene and Elasticsearch stop counting past 1,000 and 10,000 hits.
/// </remarks>
public sealed class SearchStore(ArchiveDatabase database, int exactUpTo = SearchStore.DefaultExactUpTo)
{
    public const int MaxPageSize = 100;

    public const int DefaultExactUpTo = 2000;

    /// <summary>
    /// One page of results. <paramref name="cancellationToken"/> (the web passes the request's, which
    /// its time limit cancels) stops a search mid-query with <see cref="OperationCanceledException"/>.
    /// </summary>
    public SearchResults Search(SearchRequest request, CancellationToken cancellationToken = default)
    {
        var query = SearchQuery.Parse(request.Query);
        var pageSize = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var page = Math.Max(1, request.Page);
        if (query.MatchExpression is null)
            return new SearchResults(query, 0, true, page, pageSize, [], HasNext: false);

        // Search's tag is a section's own tag (stricter than the article's); tag kinds are for browsing.
        var articles = (request.Articles ?? ArticleFilter.None) with { Tag = null, Kind = null };
        var filter = new Filter(query.MatchExpression, Blank(request.Article), Blank(request.Tag),
            pageSize, (long)(page - 1) * pageSize, Source: articles.Source, Type: articles.Type, From: articles.From,
            ToEnd: articles.ToEnd);
        var sql = new Statements(articles);

        return database.Read($"search for '{query.Text}'", session =>
        {
            // Which sections match, how many, in which order: the index's part (FTS5 here, or
            // PostgreSQL's tsvectors: PostgresSearch.MatchSections); the rest of a search is the same on both.
            var (ranked, totalHits, exact, hasNext) = session.Sql.IsPostgres
                ? FromMatches(new PostgresSearch(exactUpTo).MatchSections(session, query, request with { Page = page, PageSize = pageSize }, sql.Articles))
                : MatchFts5(session, sql, query, filter, request.CountAll, request.Sort);
            if (ranked.Count == 0)
                return new SearchResults(query, totalHits, exact, page, pageSize, [], hasNext);

            var ids = ranked.Select(r => r.Id).ToList();
            var sections = session.Query<HitRow>($"""
                SELECT s.id, s.ordinal, s.heading, s.stable_id AS StableId, s.slug,
                       a.id AS ArticleId, a.slug AS ArticleSlug, a.title AS ArticleTitle,
                       a.source AS ArticleSource, a.published AS ArticlePublished, a.author AS ArticleAuthor
                FROM sections s JOIN articles a ON a.id = s.article_id
                WHERE {session.Sql.In("s.id", "ids")}
                """, new { ids }).ToDictionary(s => s.Id);
            var tags = session.Query<(long SectionId, string Name)>($"""
                SELECT st.section_id, t.name FROM section_tags st JOIN tags t ON t.id = st.tag_id
                WHERE {session.Sql.In("st.section_id", "ids")} ORDER BY st.section_id, t.name
                """, new { ids }).ToLookup(t => t.SectionId, t => t.Name);
            var paragraphs = session.Query<ParagraphRow>($"""
                SELECT section_id AS SectionId, stable_id AS StableId, text
                FROM paragraphs WHERE {session.Sql.In("section_id", "ids")} ORDER BY section_id, ordinal
                """, new { ids }).ToLookup(p => p.SectionId);

            var rows = ranked.Select(r => (Section: sections[r.Id], r.Rank)).ToList();
            var articles = rows.GroupBy(r => r.Section.ArticleId)   // keeps the order of each article's first hit
                .Select(g => new SearchArticleHits(
                    new ArticleRef(g.First().Section.ArticleSlug, g.First().Section.ArticleTitle,
                        g.First().Section.ArticleSource, g.First().Section.ArticlePublished),
                    g.Select(r => Hit(r.Section, r.Rank, paragraphs[r.Section.Id], tags[r.Section.Id], query)).ToList()))
                .ToList();
            return new SearchResults(query, totalHits, exact, page, pageSize, articles, hasNext);
        }, cancellationToken);
    }

    /// <summary>The FTS5 counterpart of <see cref="PostgresSearch.MatchSections"/>: one page of ranked section ids and the count.</summary>
    (List<RankRow> Ranked, int TotalHits, bool Exact, bool HasNext) MatchFts5(ReadSession session, Statements sql, SearchQuery query,
        Filter filter, bool countAll, SearchSort sort)
    {
        // Counting stops one past the limit: enough to know which way to rank.
        var total = session.QuerySingleOrDefault<int>(countAll ? sql.Count : sql.CountUpTo, filter with { Take = exactUpTo + 1 });
        var exact = countAll || total <= exactUpTo;
        var (ranked, hasNext) = total == 0 ? ([], false)
            : sort == SearchSort.Newest ? FullPage(session.Query<RankRow>(sql.NewestPage, filter with { Take = filter.Take + 1 }), filter.Take)
            : total <= exactUpTo ? FullPage(session.Query<RankRow>(sql.RelevancePage(query), Ranked(filter, query) with { Take = filter.Take + 1 }), filter.Take)
            : FullPage(TiersInTurn(session, sql, query, filter), filter.Take);
        return (ranked, exact ? total : exactUpTo, exact, hasNext);
    }

    static (List<RankRow> Ranked, int TotalHits, bool Exact, bool HasNext) FromMatches(SearchMatches matches) =>
        // Both providers' ranks are the ranking rules as one number, higher is better (the score).
        (matches.SectionIds.Select((id, i) => new RankRow { Id = id, Rank = matches.Ranks?[i] ?? 0 }).ToList(),
            matches.TotalHits, matches.TotalIsExact, matches.HasNext);

    /// <summary>
    /// The statements of one search. Filters are rowid sets computed once per statement, so the FTS5
    /// table stays the only loop: counting and ranking thousands of hits never joins sections and
    /// articles row by row. The article filter (source, type, dates: <see cref="ArticleFilter"/>)
    /// is written in only when set, so that it reads its indexes.
    /// </summary>
    sealed class Statements(ArticleFilter articles)
    {
        public ArticleFilter Articles => articles;

        string Where(string table) => $"""
            WHERE {table} MATCH @Match
              AND (@Article IS NULL OR {table}.rowid IN (SELECT s.id FROM sections s JOIN articles a ON a.id = s.article_id
                                                        WHERE a.slug = @Article))
              AND (@Tag IS NULL OR {table}.rowid IN (SELECT st.section_id FROM section_tags st JOIN tags t ON t.id = st.tag_id
                                                    WHERE t.slug = @Tag))
            {(articles.IsEmpty ? "" : $"AND {table}.rowid IN (SELECT s.id FROM articles a JOIN sections s ON s.article_id = a.id WHERE {articles.Sql})")}
            """;

        string Matching => "FROM search_sections " + Where("search_sections");

        public string Count => $"SELECT COUNT(*) {Matching}";

        // FTS5 hands rows over one at a time, so the LIMIT stops it after Take hits.
        public string CountUpTo => $"SELECT COUNT(*) FROM (SELECT 1 {Matching} LIMIT @Take)";

        // Newest first needs every hit's date; relevance needs only FTS5's own order.
        public string NewestPage => $"""
            SELECT search_sections.rowid AS Id, 0.0 AS Rank
            FROM search_sections
            JOIN sections s ON s.id = search_sections.rowid
            JOIN articles a ON a.id = s.article_id
            {Where("search_sections")}
            ORDER BY a.published DESC NULLS LAST, a.id DESC, s.ordinal
            LIMIT @Take OFFSET @Skip
            """;

        /// <summary>
        /// Every hit ordered by the rules, one page read. Each rule is a rowid set that FTS5 computes
        /// once for the statement (a MATCH over the same index, so no hit's text is read): the tiers
        /// (<see cref="SearchQuery.TierMatchExpressions"/>), the heading matches (search_headings),
        /// the close matches; then the article's date. Rank is the rules as one number, higher better
        /// (the API's score): 4 per tier above the last, 2 for a heading match, 1 for close terms.
        /// </summary>
        public string RelevancePage(SearchQuery query)
        {
            var tier = query.TierCount == 1 ? "0"
                : "CASE " + string.Concat(query.TierMatchExpressions.Select((_, i) =>
                    $"WHEN m.rowid IN (SELECT rowid FROM search_sections WHERE search_sections MATCH @Tier{i}) THEN {i} ")) + $"ELSE {query.TierCount - 1} END";
            var near = query.NearMatchExpression is null ? "0" : "m.rowid IN (SELECT rowid FROM search_sections WHERE search_sections MATCH @Near)";
            return $"""
                SELECT Id, ({query.TierCount - 1} - Tier) * 4 + InHeading * 2 + Near AS Rank
                FROM (SELECT m.rowid AS Id, {tier} AS Tier,
                             m.rowid IN (SELECT rowid FROM search_headings WHERE search_headings MATCH @Heading) AS InHeading,
                             {near} AS Near, a.published AS Published, a.id AS ArticleId, s.ordinal AS Ordinal
                      FROM (SELECT rowid {Matching}) m
                      JOIN sections s ON s.id = m.rowid
                      JOIN articles a ON a.id = s.article_id)
                ORDER BY Tier, InHeading DESC, Near DESC, Published DESC NULLS LAST, ArticleId DESC, Ordinal
                LIMIT @Take OFFSET @Skip
                """;
        }

        // Headings are short, so ranking a couple of thousand of them is cheap; but they are counted
        // first, without BM25, because a word in tens of thousands of headings would be ranked in full
        // before the LIMIT applies. Default weights: one per token form.
        public string HeadingCountUpTo => $"SELECT COUNT(*) FROM (SELECT 1 FROM search_headings {Where("search_headings")} LIMIT @Take)";

        public string HeadingHits => $"""
            SELECT rowid AS Id, rank AS Rank
            FROM search_headings {Where("search_headings")}
            ORDER BY rank, rowid
            """;

        // FTS5 walks its lists backwards and stops after the page. No rank: BM25 would first read every
        // term's whole list to weigh it.
        public string RecentPage => $"""
            SELECT rowid AS Id, 0.0 AS Rank
            {Matching} AND rowid NOT IN (SELECT value FROM json_each(@Ids))
            ORDER BY rowid DESC
            LIMIT @Take OFFSET @Skip
            """;
    }

    // Of the given sections, those in a tier's stream (@Match: its hits, exclusions applied).
    const string InStream = """
        SELECT rowid FROM search_sections
        WHERE search_sections MATCH @Match AND rowid IN (SELECT value FROM json_each(@Ids))
        """;

    /// <summary>A page asked for one row more than it shows: that row only says a next page exists.</summary>
    static (List<RankRow> Rows, bool HasNext) FullPage(List<RankRow> rows, int take) =>
        rows.Count > take ? (rows[..take], true) : (rows, false);

    /// <summary>The parameters of the ranking sets (<see cref="Statements.RelevancePage"/>).</summary>
    static RankedFilter Ranked(Filter filter, SearchQuery query) => new(filter.Match, filter.Article, filter.Tag, filter.Take, filter.Skip,
        filter.Source, filter.Type, filter.From, filter.ToEnd, query.HeadingMatchExpression!,
        query.TierMatchExpressions.ElementAtOrDefault(0), query.TierMatchExpressions.ElementAtOrDefault(1), query.NearMatchExpression);

    /// <summary>
    /// Past the exact limit: one page (and one row more) of "each match tier in turn, and within a
    /// tier heading matches by BM25, then the other hits most recently imported first". A tier is
    /// counted only up to the rows the page still needs, and only when a later tier may be needed.
    /// </summary>
    List<RankRow> TiersInTurn(ReadSession session, Statements sql, SearchQuery query, Filter filter)
    {
        var rows = new List<RankRow>();
        var skip = filter.Skip;
        var need = filter.Take + 1;
        for (var tier = 0; tier < query.TierCount && need > 0; tier++)
        {
            var stream = filter with { Match = query.TierStream(tier) };
            if (tier < query.TierCount - 1)
            {
                var count = session.QuerySingleOrDefault<long>(sql.CountUpTo, stream with { Take = (int)Math.Min(int.MaxValue, skip + need) });
                if (count <= skip)
                {
                    skip -= count;
                    continue;
                }
            }
            var page = HeadingsThenRecent(session, sql, query, stream, skip, need);
            var rank = (query.TierCount - 1 - tier) * 4;
            rows.AddRange(page.Select(r => new RankRow { Id = r.Id, Rank = rank + r.Rank }));
            need -= page.Count;
            skip = 0;
        }
        return rows;
    }

    /// <summary>
    /// Up to <paramref name="take"/> hits of one stream (<paramref name="stream"/>.Match) after
    /// <paramref name="skip"/>: heading matches by BM25, then the other hits most recently imported
    /// first. When headings match more than the exact limit too (generated or templated headings),
    /// they are not put first either: every hit is then most recent first.
    /// </summary>
    List<RankRow> HeadingsThenRecent(ReadSession session, Statements sql, SearchQuery query, Filter stream, long skip, int take)
    {
        var headingFilter = stream with { Match = query.HeadingMatchExpression!, Take = exactUpTo + 1 };
        var headings = session.QuerySingleOrDefault<int>(sql.HeadingCountUpTo, headingFilter) > exactUpTo ? []
            : session.Query<RankRow>(sql.HeadingHits, headingFilter);
        // The headings hold the included terms; whether the section is in this stream (its tier, no
        // excluded term) is the whole section's matter.
        if (headings.Count > 0 && (query.TierCount > 1 || query.ExclusionMatchExpression is not null))
        {
            var inStream = session.Query<long>(InStream, new { stream.Match, Ids = Json(headings) }).ToHashSet();
            headings.RemoveAll(h => !inStream.Contains(h.Id));
        }

        var rows = headings.Skip((int)Math.Min(skip, headings.Count)).Take(take).Select(h => new RankRow { Id = h.Id, Rank = 2 }).ToList();
        rows.AddRange(session.Query<RankRow>(sql.RecentPage, stream with
        {
            Ids = Json(headings),
            Take = take - rows.Count,
            Skip = Math.Max(0, skip - headings.Count),
        }));
        return rows;
    }

    static string Json(List<RankRow> rows) => "[" + string.Join(',', rows.Select(r => r.Id)) + "]";

    /// <summary>The parameters of the search statements (Dapper reads them by name).</summary>
    sealed record Filter(string Match, string? Article, string? Tag, int Take, long Skip, string Ids = "[]",
        string? Source = null, string? Type = null, string? From = null, string? ToEnd = null);

    /// <summary>The same, with the ranking sets: heading matches, the better tiers, close terms.</summary>
    sealed record RankedFilter(string Match, string? Article, string? Tag, int Take, long Skip,
        string? Source, string? Type, string? From, string? ToEnd, string Heading, string? Tier0, string? Tier1, string? Near);

    /// <summary>
    /// The best paragraph is the one matching the most terms as text (not through pinyin), then the
    /// most distinct terms, then the most matches, then the earliest; the snippet comes from it, or from the first paragraph if only the heading matched.
    /// </summary>
    static SearchHit Hit(HitRow row, double score, IEnumerable<ParagraphRow> paragraphs, IEnumerable<string> tags, SearchQuery query)
    {
        var heading = row.Heading is null ? [] : SearchHighlighter.Segments(row.Heading, SearchHighlighter.Find(row.Heading, query).Spans);
        var candidates = paragraphs.Select(p => (Paragraph: p, Match: SearchHighlighter.FindRanked(p.Text, query))).ToList();
        var best = candidates
            .Where(c => c.Match.Spans.Count > 0)
            .OrderByDescending(c => c.Match.TermsMatchedAsText)
            .ThenByDescending(c => c.Match.TermsMatched)
            .ThenByDescending(c => c.Match.Spans.Count)
            .FirstOrDefault();     // stable sort: the earliest among equals

        var link = new SectionLink(row.StableId, row.Slug, row.Ordinal, row.Heading);
        var labels = Labels(row, tags, query);
        if (best.Paragraph is not null)
            return new SearchHit(link, best.Paragraph.StableId, heading, SearchHighlighter.Cut(best.Paragraph.Text, best.Match.Spans), score, labels);
        var first = candidates.FirstOrDefault().Paragraph;
        return new SearchHit(link, null, heading, first is null ? Snippet.Empty : SearchHighlighter.Cut(first.Text, []), score, labels);
    }

    /// <summary>The labels indexed with the section (SearchIndexWriter.SectionTexts) that hold a term, marked.</summary>
    static List<MatchedLabel> Labels(HitRow row, IEnumerable<string> tags, SearchQuery query)
    {
        var labels = new List<(string Kind, string? Text)>();
        if (row.Ordinal == 0)
            labels.AddRange([("title", row.ArticleTitle), ("author", row.ArticleAuthor), ("source", row.ArticleSource)]);
        labels.AddRange(tags.Select(t => ("tag", (string?)t)));
        return labels.Where(l => !string.IsNullOrEmpty(l.Text))
            .Select(l => (l.Kind, l.Text, SearchHighlighter.Find(l.Text!, query).Spans))
            .Where(l => l.Spans.Count > 0)
            .Select(l => new MatchedLabel(l.Kind, SearchHighlighter.Segments(l.Text!, l.Spans)))
            .ToList();
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
        public string? ArticleAuthor { get; set; }
    }

    sealed class ParagraphRow
    {
        public long SectionId { get; set; }
        public string StableId { get; set; } = "";
        public string Text { get; set; } = "";
    }
}
