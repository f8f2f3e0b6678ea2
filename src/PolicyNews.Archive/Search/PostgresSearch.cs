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
public sealed class PostgresSearch(PostgresArchive archive, int exactUpTo = SearchStore.DefaultExactUpTo)
{
    // ts_rank's weights are {D, C, B, A}: body lexemes D, heading lexemes A.
    const string Weights = "'{0.125, 0, 0, 1}'";
    const string HeadingWeights = "'{0, 0, 0, 1}'";

    public SearchMatches Find(SearchRequest request, CancellationToken cancellationToken = default)
    {
        var query = SearchQuery.Parse(request.Query);
        var pageSize = Math.Clamp(request.PageSize, 1, SearchStore.MaxPageSize);
        var page = Math.Max(1, request.Page);
        if (query.Status != SearchQueryStatus.Ready)
            return new SearchMatches(query, 0, true, [], false);

        var match = Match.For(query);
        var parameters = match.Parameters;
        parameters.Add("Article", Blank(request.Article));
        parameters.Add("Tag", Blank(request.Tag));
        parameters.Add("Skip", (long)(page - 1) * pageSize);
        var matching = $"""
            FROM search_sections x
            WHERE {match.Sections}
              AND (CAST(@Article AS text) IS NULL OR x.section_id IN (SELECT s.id FROM sections s JOIN articles a ON a.id = s.article_id
                                                                      WHERE a.slug = @Article))
              AND (CAST(@Tag AS text) IS NULL OR x.section_id IN (SELECT st.section_id FROM section_tags st JOIN tags t ON t.id = st.tag_id
                                                                  WHERE t.slug = @Tag))
            """;

        return archive.Read($"search for '{query.Text}'", session =>
        {
            parameters.Add("Take", exactUpTo + 1);
            var total = session.QuerySingleOrDefault<int>(request.CountAll
                ? $"SELECT COUNT(*) {matching}"
                : $"SELECT COUNT(*) FROM (SELECT 1 {matching} LIMIT @Take) counted", parameters);
            var exact = request.CountAll || total <= exactUpTo;
            parameters.Add("Take", pageSize + 1);
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
                : total <= exactUpTo ? session.Query<long>($"""
                    SELECT x.section_id {matching}
                    ORDER BY {match.Rank(Weights)} DESC, x.section_id
                    LIMIT @Take OFFSET @Skip
                    """, parameters)
                : HeadingsThenRecent(session, match, matching, parameters, (int)((page - 1) * (long)pageSize), pageSize);
            var hasNext = ids.Count > pageSize;
            return new SearchMatches(query, exact ? total : exactUpTo, exact, hasNext ? ids[..pageSize] : ids, hasNext);
        }, cancellationToken);
    }

    /// <summary>Past the exact limit: sections whose heading holds every included term (ranked), then the rest newest-imported first.</summary>
    List<long> HeadingsThenRecent(ReadSession session, Match match, string matching, DynamicParameters parameters, int skip, int pageSize)
    {
        var headingMatching = $"{matching} AND {match.Headings}";
        parameters.Add("Take", exactUpTo + 1);
        var headings = session.QuerySingleOrDefault<int>($"SELECT COUNT(*) FROM (SELECT 1 {headingMatching} LIMIT @Take) counted", parameters) > exactUpTo
            ? []
            : session.Query<long>($"SELECT x.section_id {headingMatching} ORDER BY {match.Rank(HeadingWeights)} DESC, x.section_id", parameters);

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
    /// A parsed query as SQL over search_sections (alias x): every term a tsquery parameter, in the
    /// form columns <see cref="SearchQuery"/> chooses for FTS5 (pairs unless a Han character stands
    /// alone; pinyin as single syllables, pairs, or pairs in any reading).
    /// </summary>
    sealed class Match
    {
        readonly List<(string Column, string Parameter)> ranked = [];

        Match(SearchQuery query)
        {
            var included = query.Included.Select(t => Term(t, headingOnly: false, rank: true)).ToList();
            var excluded = query.Terms.Where(t => t.IsExcluded).Select(t => Term(t, headingOnly: false, rank: false)).ToList();
            Sections = string.Join(" AND ", included) + (excluded.Count == 0 ? "" : $" AND NOT ({string.Join(" OR ", excluded)})");
            Headings = string.Join(" AND ", query.Included.Select(t => Term(t, headingOnly: true, rank: false)));
        }

        public static Match For(SearchQuery query) => new(query);

        public DynamicParameters Parameters { get; } = new();

        /// <summary>Sections holding every included term and no excluded one.</summary>
        public string Sections { get; }

        /// <summary>Sections whose heading holds every included term.</summary>
        public string Headings { get; }

        /// <summary>The sum of ts_rank over the included terms' columns.</summary>
        public string Rank(string weights) =>
            string.Join(" + ", ranked.Select(r => $"ts_rank({weights}, x.{r.Column}, CAST(@{r.Parameter} AS tsquery))"));

        string Term(SearchTerm term, bool headingOnly, bool rank)
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

            var sql = alternatives.Select(a =>
            {
                var parameter = $"q{Parameters.ParameterNames.Count()}";
                Parameters.Add(parameter, TsVectors.Phrase(a.Tokens, headingOnly));
                if (rank)
                    ranked.Add((a.Column, parameter));
                return $"x.{a.Column} @@ CAST(@{parameter} AS tsquery)";
            });
            return "(" + string.Join(" OR ", sql) + ")";
        }

        static List<SearchToken> Tokens(IEnumerable<string> texts) => texts.Select(t => new SearchToken(t, 0, 0)).ToList();
    }
}

/// <summary>
/// The sections a query matches on one page, in order (section row ids), and how many match in all:
/// exactly when <see cref="TotalIsExact"/>, else more than <see cref="TotalHits"/>.
/// </summary>
public sealed record SearchMatches(SearchQuery Query, int TotalHits, bool TotalIsExact, IReadOnlyList<long> SectionIds, bool HasNext);
