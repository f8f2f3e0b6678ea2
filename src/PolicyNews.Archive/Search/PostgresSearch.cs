using Dapper;
using PolicyNews.Archive.Store;
using PolicyNews.Archive.Store.PostgreSQL;

namespace PolicyNews.Archive.Search;

/// <summary>
/// Which sections a query matches on a PostgreSQL archive, and in which order: the part of
/// <see cref="SearchStore"/> that depends on the index (FTS5 there, tsvector and GIN here). Snippets
/// and highlights are cut in C# from the stored paragraphs and do not depend on the provider.
/// Same rules as SearchStore: counted and ranked exactly up to <c>exactUpTo</c> hits; past it,
/// heading matches first, then the other hits most recently imported first.
/// </summary>
/// <remarks>
/// Ranking is <c>ts_rank</c> with a heading lexeme weighing 8 body lexemes (SQLite: BM25 with the
/// heading columns at 8), summed over the query's terms, so the order of equally good hits can
/// differ between the providers; the hits cannot.
/// </remarks>
public sealed class PostgresSearch
{
    readonly PostgresArchive? archive;
    readonly int exactUpTo;

    public PostgresSearch(PostgresArchive archive, int exactUpTo = SearchStore.DefaultExactUpTo) : this(exactUpTo) => this.archive = archive;

    /// <summary>For <see cref="MatchSections"/> inside a read another store began (SearchStore on a PostgreSQL archive).</summary>
    public PostgresSearch(int exactUpTo = SearchStore.DefaultExactUpTo) => this.exactUpTo = exactUpTo;

    // ts_rank's weights are {D, C, B, A}: body lexemes D, heading lexemes A.
    const string Weights = "'{0.125, 0, 0, 1}'";

    public SearchMatches Find(SearchRequest request, CancellationToken cancellationToken = default)
    {
        var query = SearchQuery.Parse(request.Query);
        if (query.Status != SearchQueryStatus.Ready)
            return new SearchMatches(query, 0, true, [], false);
        var articles = (request.Articles ?? ArticleFilter.None) with { Tag = null, Kind = null };
        return (archive ?? throw new InvalidOperationException("this PostgresSearch has no archive of its own: use MatchSections"))
            .Read($"search for '{query.Text}'", session => MatchSections(session, query, request, articles), cancellationToken);
    }

    /// <summary>
    /// Which sections <paramref name="query"/> (parsed and ready) matches on the requested page, in
    /// order, and how many match, within <paramref name="session"/>'s snapshot. The sections' own
    /// tag and article come from <paramref name="request"/>; source, type and dates from
    /// <paramref name="articles"/> (<see cref="ArticleFilter"/>, without tag and kind).
    /// </summary>
    public SearchMatches MatchSections(ReadSession session, SearchQuery query, SearchRequest request, ArticleFilter articles)
    {
        var pageSize = Math.Clamp(request.PageSize, 1, SearchStore.MaxPageSize);
        var page = Math.Max(1, request.Page);

        var match = Match.For(query);
        var parameters = match.Parameters;
        parameters.Add("Article", Blank(request.Article));
        parameters.Add("Tag", Blank(request.Tag));
        parameters.Add("Skip", (long)(page - 1) * pageSize);
        parameters.Add("Source", articles.Source);
        parameters.Add("Type", articles.Type);
        parameters.Add("From", articles.From);
        parameters.Add("ToEnd", articles.ToEnd);
        var matching = $"""
            FROM search_sections x
            WHERE {match.Sections}
              AND (CAST(@Article AS text) IS NULL OR x.section_id IN (SELECT s.id FROM sections s JOIN articles a ON a.id = s.article_id
                                                                      WHERE a.slug = @Article))
              AND (CAST(@Tag AS text) IS NULL OR x.section_id IN (SELECT st.section_id FROM section_tags st JOIN tags t ON t.id = st.tag_id
                                                                  WHERE t.slug = @Tag))
            {(articles.IsEmpty ? "" : $"AND x.section_id IN (SELECT s.id FROM articles a JOIN sections s ON s.article_id = a.id WHERE {articles.Sql})")}
            """;

        {
            // With a LIMIT, the planner expects a common word's rows early in a table scan and reads
            // them one by one, each tsvector fetched whole (1.6 s for 2,001 hits of 发展 among 100,000
            // sections); the GIN index answers the same in milliseconds, so it must be used.
            session.QuerySingleOrDefault<string>("SELECT set_config('enable_seqscan', 'off', true)");
            parameters.Add("Take", exactUpTo + 1);
            var total = session.QuerySingleOrDefault<int>(request.CountAll
                ? $"SELECT COUNT(*) {matching}"
                : $"SELECT COUNT(*) FROM (SELECT 1 {matching} LIMIT @Take) counted", parameters);
            var exact = request.CountAll || total <= exactUpTo;
            parameters.Add("Take", pageSize + 1);
            // A relevance page also gives each hit's rank (its score on the page and in the API).
            var ranks = new Dictionary<long, double>();
            var ids = total == 0 ? []
                : request.Sort == SearchSort.Newest ? session.Query<long>($"""
                    SELECT x.section_id {matching.Replace("FROM search_sections x", """
                        FROM search_sections x
                        JOIN sections s ON s.id = x.section_id
                        JOIN articles a ON a.id = s.article_id
                        """)}
                    ORDER BY a.published DESC NULLS LAST, a.id DESC, s.ordinal
                    LIMIT @Take OFFSET @Skip
                    """, parameters)
                : total <= exactUpTo ? session.Query<(long Id, double Rank)>($"""
                    SELECT x.section_id, CAST({match.Rank("x", Weights)} AS double precision) AS rank {matching}
                    ORDER BY rank DESC, x.section_id
                    LIMIT @Take OFFSET @Skip
                    """, parameters).Select(r => (ranks[r.Id] = r.Rank, r.Id).Id).ToList()
                : HeadingsThenRecent(session, match, matching, parameters, (int)((page - 1) * (long)pageSize), pageSize);
            var hasNext = ids.Count > pageSize;
            var shown = hasNext ? ids[..pageSize] : ids;
            return new SearchMatches(query, exact ? total : exactUpTo, exact, shown, hasNext, shown.Select(id => ranks.GetValueOrDefault(id)).ToList());
        }
    }

    /// <summary>Past the exact limit: sections whose heading holds every included term (ranked), then the rest newest-imported first.</summary>
    List<long> HeadingsThenRecent(ReadSession session, Match match, string matching, DynamicParameters parameters, int skip, int pageSize)
    {
        // search_headings holds the headings alone: small rows, so matching and ranking them stays
        // cheap for a word in every other body (as SQLite's search_headings, migration 005).
        var headingMatching = $"FROM search_headings h WHERE {match.Headings} AND h.section_id IN (SELECT x.section_id {matching})";
        parameters.Add("Take", exactUpTo + 1);
        var headings = session.QuerySingleOrDefault<int>($"SELECT COUNT(*) FROM (SELECT 1 {headingMatching} LIMIT @Take) counted", parameters) > exactUpTo
            ? []
            : session.Query<long>($"SELECT h.section_id {headingMatching} ORDER BY {match.Rank("h", Weights)} DESC, h.section_id", parameters);

        var ids = headings.Skip(Math.Min(skip, headings.Count)).Take(pageSize + 1).ToList();
        parameters.Add("Ids", headings.ToArray());
        parameters.Add("Take", pageSize + 1 - ids.Count);
        parameters.Add("Skip", (long)Math.Max(0, skip - headings.Count));
        ids.AddRange(session.Query<long>($"""
            SELECT x.section_id {matching} AND NOT (x.section_id = ANY(@Ids))
            ORDER BY x.section_id DESC
            LIMIT @Take OFFSET @Skip
            """, parameters));
        return ids;
    }

    static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// A parsed query as SQL: every term a tsquery parameter, in the form columns
    /// <see cref="SearchQuery"/> chooses for FTS5 (pairs unless a Han character stands alone; pinyin
    /// as single syllables, pairs, or pairs in any reading). The same parameters serve
    /// search_sections (alias x) and search_headings (alias h), which have the same columns.
    /// </summary>
    sealed class Match
    {
        readonly List<List<(string Column, string Parameter)>> included;
        readonly List<List<(string Column, string Parameter)>> excluded;

        Match(SearchQuery query)
        {
            included = query.Included.Select(Term).ToList();
            excluded = query.Terms.Where(t => t.IsExcluded).Select(Term).ToList();
        }

        public static Match For(SearchQuery query) => new(query);

        public DynamicParameters Parameters { get; } = new();

        /// <summary>Sections holding every included term and no excluded one.</summary>
        public string Sections => All("x", included) + (excluded.Count == 0 ? "" : $" AND NOT ({string.Join(" OR ", excluded.Select(t => Any("x", t)))})");

        /// <summary>Headings holding every included term.</summary>
        public string Headings => All("h", included);

        /// <summary>The sum of ts_rank over the included terms' columns of the table <paramref name="alias"/>.</summary>
        public string Rank(string alias, string weights) => string.Join(" + ", included.SelectMany(t => t)
            .Select(a => $"ts_rank({weights}, {alias}.{a.Column}, CAST(@{a.Parameter} AS tsquery))"));

        static string All(string alias, List<List<(string Column, string Parameter)>> terms) =>
            string.Join(" AND ", terms.Select(t => Any(alias, t)));

        static string Any(string alias, List<(string Column, string Parameter)> alternatives) =>
            "(" + string.Join(" OR ", alternatives.Select(a => $"{alias}.{a.Column} @@ CAST(@{a.Parameter} AS tsquery)")) + ")";

        List<(string Column, string Parameter)> Term(SearchTerm term)
        {
            var alternatives = new List<(string Column, IEnumerable<string> Tokens)>
            {
                SearchTokens.HasLoneHan(term.Words)
                    ? ("words", term.Words)
                    : ("pairs", SearchTokens.WordPairs(Tokens(term.Words)).Select(t => t.Text)),
            };
            if (term.Syllables is { Count: 1 })
                alternatives.Add(("pinyin", term.Syllables));
            else if (term.Syllables is { } syllables)
            {
                var pairs = SearchTokens.PinyinPairs(Tokens(syllables)).Select(t => t.Text).ToList();
                alternatives.Add(("pinyin_pairs", pairs));
                if (syllables.Count == 2)
                    alternatives.Add(("pinyin_readings", pairs));
            }

            return alternatives.Select(a =>
            {
                var parameter = $"q{Parameters.ParameterNames.Count()}";
                Parameters.Add(parameter, TsVectors.Phrase(a.Tokens));
                return (a.Column, parameter);
            }).ToList();
        }

        static List<SearchToken> Tokens(IEnumerable<string> texts) => texts.Select(t => new SearchToken(t, 0, 0)).ToList();
    }
}

/// <summary>
/// The sections a query matches on one page, in order (section row ids), and how many match in all:
/// exactly when <see cref="TotalIsExact"/>, else more than <see cref="TotalHits"/>.
/// </summary>
/// <see cref="Ranks"/>: each section's rank (higher is better; 0 where the order is not by relevance), when known.
public sealed record SearchMatches(SearchQuery Query, int TotalHits, bool TotalIsExact, IReadOnlyList<long> SectionIds, bool HasNext,
    IReadOnlyList<double>? Ranks = null);
