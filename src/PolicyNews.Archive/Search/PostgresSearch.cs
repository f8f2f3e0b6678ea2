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
/// Up to the limit the order is SearchStore's rules (docs/search.md, "Ranking"): match tier, heading,
/// close terms, date. Past it each tier in turn, heading matches first (by <c>ts_rank</c>, where
/// SQLite uses BM25, so equally matching headings may come in another order), then the rest newest-imported first.
/// </remarks>
public sealed class PostgresSearch
{
    readonly PostgresArchive? archive;
    readonly int exactUpTo;
    readonly int walkedPerHit;

    /// <param name="walkedPerHit">
    /// Past the limit, how many of the newest sections are walked per hit wanted before the candidates
    /// are sorted instead (<see cref="DefaultWalkedPerHit"/>).
    /// </param>
    public PostgresSearch(PostgresArchive archive, int exactUpTo = SearchStore.DefaultExactUpTo, int walkedPerHit = DefaultWalkedPerHit)
        : this(exactUpTo, walkedPerHit) => this.archive = archive;

    /// <summary>For <see cref="MatchSections"/> inside a read another store began (SearchStore on a PostgreSQL archive).</summary>
    public PostgresSearch(int exactUpTo = SearchStore.DefaultExactUpTo, int walkedPerHit = DefaultWalkedPerHit) =>
        (this.exactUpTo, this.walkedPerHit) = (exactUpTo, walkedPerHit);

    /// <summary>
    /// Enough while one section in a hundred or more is a hit: past the limit on the 100,000-section
    /// benchmark, at least 2 % are.
    /// </summary>
    public const int DefaultWalkedPerHit = 100;

    // ts_rank's weights are {D, C, B, A}: body lexemes D, heading lexemes A.
    const string Weights = "'{0.125, 0, 0, 1}'";
    // ts_rank's normalisation 2 divides by the length: a short heading that is mostly the query ranks
    // above a long title that mentions it, as FTS5's BM25 ranks SQLite's headings.
    const int ShorterFirst = 2;

    /// <summary>A matching section and its rank (the rules as one number, as SQLite gives it).</summary>
    sealed record RankedId(long Id, double Rank);

    /// <summary>How many sections match (up to the limit) and one ranked hit of the page, if any.</summary>
    sealed record CountedHit(long Total, long? Id, double? Rank);

    /// <summary>How many sections, and how many headings, surely match (<see cref="Match.SurelyMatching"/>); 0 when not known.</summary>
    sealed record Surely(int Sections, int Headings)
    {
        public static readonly Surely Unknown = new(0, 0);
    }

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

        var match = Match.For(query, lexemes => CountSections(session, lexemes));
        var parameters = match.Parameters;
        parameters.Add("Article", Blank(request.Article));
        parameters.Add("Tag", Blank(request.Tag));
        parameters.Add("Skip", (long)(page - 1) * pageSize);
        parameters.Add("Source", articles.Source);
        parameters.Add("Type", articles.Type);
        parameters.Add("From", articles.From);
        parameters.Add("ToEnd", articles.ToEnd);
        var filtered = Blank(request.Article) is not null || Blank(request.Tag) is not null || !articles.IsEmpty;
        string Matching(string condition) => $"""
            FROM search_sections x
            WHERE {condition}
              AND (CAST(@Article AS text) IS NULL OR x.section_id IN (SELECT s.id FROM sections s JOIN articles a ON a.id = s.article_id
                                                                      WHERE a.slug = @Article))
              AND (CAST(@Tag AS text) IS NULL OR x.section_id IN (SELECT st.section_id FROM section_tags st JOIN tags t ON t.id = st.tag_id
                                                                  WHERE t.slug = @Tag))
            {(articles.IsEmpty ? "" : $"AND x.section_id IN (SELECT s.id FROM articles a JOIN sections s ON s.article_id = a.id WHERE {articles.Sql})")}
            """;
        var matching = Matching(match.Sections);
        // The filters alone, which heading matches are counted within (as SearchStore counts them).
        var inFilters = filtered ? Matching("TRUE") : null;
        // The same hits, checked in the row alone when every term is Han characters (migration 009).
        var inRow = match.InRuns is { } inRuns ? Matching(inRuns) : null;

        {
            // With a LIMIT, the planner expects a common word's rows early in a table scan and reads
            // them one by one, each tsvector fetched whole (1.6 s for 2,001 hits of 发展 among 100,000
            // sections); the GIN index answers the same in milliseconds, so it must be used.
            session.QuerySingleOrDefault<string>("SELECT set_config('enable_seqscan', 'off', true)");
            parameters.Add("Take", request.CountAll ? int.MaxValue : exactUpTo + 1);
            parameters.Add("RankedUpTo", exactUpTo);
            parameters.Add("PageTake", pageSize + 1);
            // Past the limit the count is not shown: a term with a lexeme that more sections hold is not
            // counted, nor its heading matches (GIN would hand over every one of them as a bitmap first;
            // docs/search.md). Only a search no filter narrows: the lexeme counts are the whole archive's.
            var surely = request.CountAll || filtered || match.SurelyMatching() is not { } counts
                ? Surely.Unknown : session.QuerySingleOrDefault<Surely>(counts, parameters)!;
            var overLimit = surely.Sections > exactUpTo;
            int total;
            List<RankedId> ids;
            if (request.Sort == SearchSort.Newest)
            {
                total = overLimit ? exactUpTo + 1
                    : session.QuerySingleOrDefault<int>($"SELECT COUNT(*) FROM (SELECT 1 {matching} LIMIT @Take) counted", parameters);
                ids = total == 0 ? [] : session.Query<RankedId>($"""
                    SELECT x.section_id AS Id, CAST(0 AS double precision) AS Rank {matching.Replace("FROM search_sections x", """
                        FROM search_sections x
                        JOIN sections s ON s.id = x.section_id
                        JOIN articles a ON a.id = s.article_id
                        """)}
                    ORDER BY a.published DESC NULLS LAST, a.id DESC, s.ordinal
                    LIMIT @PageTake OFFSET @Skip
                    """, parameters).AsList();
            }
            else
            {
                // The hits are found once, counted, and (up to the limit) ranked from the same rows: a
                // phrase or an exclusion reads each hit's tsvector from TOAST, and a count followed by
                // a ranked query that found the hits again read them twice. Each hit's rank is the
                // rules as one number, as on SQLite (SearchStore.Statements.RelevancePage), then the
                // archive's order, which the row carries (migration 012): looking each hit's section and
                // article up took 7.5 ms of the 54 `其母公 技領域` took to rank 1,786 hits.
                var rows = overLimit ? [new CountedHit(exactUpTo + 1, null, null)] : session.Query<CountedHit>($"""
                    WITH hits AS MATERIALIZED (SELECT x.section_id {matching} LIMIT @Take),
                         counted AS (SELECT COUNT(*) AS total FROM hits)
                    SELECT c.total AS Total, p.Id, p.Rank
                    FROM counted c LEFT JOIN LATERAL (
                        SELECT x.section_id AS Id, CAST({match.Score("x")} AS double precision) AS Rank
                        FROM hits
                        JOIN search_sections x ON x.section_id = hits.section_id
                        WHERE c.total <= @RankedUpTo
                        ORDER BY Rank DESC, x.published DESC NULLS LAST, x.article_id DESC, x.ordinal
                        LIMIT @PageTake OFFSET @Skip) p ON TRUE
                    """, parameters).AsList();
                total = (int)rows[0].Total;
                ids = total <= exactUpTo
                    ? rows.Where(r => r.Id is not null).Select(r => new RankedId(r.Id!.Value, r.Rank!.Value)).ToList()
                    : TiersInTurn(session, match, matching, inRow, inFilters, surely, parameters, (int)((page - 1) * (long)pageSize), pageSize + 1);
            }
            var exact = request.CountAll || total <= exactUpTo;
            var hasNext = ids.Count > pageSize;
            var shown = hasNext ? ids[..pageSize] : ids;
            return new SearchMatches(query, exact ? total : exactUpTo, exact, shown.Select(r => r.Id).ToList(), hasNext, shown.Select(r => r.Rank).ToList());
        }
    }

    /// <summary>
    /// Past the exact limit: each match tier in turn (counted only as far as the page needs), within
    /// a tier sections whose heading holds every included term (ranked), then the rest newest-imported first.
    /// <paramref name="inRow"/>: the same hits as <paramref name="matching"/>, checked in each row's runs alone (one tier only), or null;
    /// <paramref name="inFilters"/>: the sections the filters keep, or null without filters.
    /// </summary>
    List<RankedId> TiersInTurn(ReadSession session, Match match, string matching, string? inRow, string? inFilters, Surely surely,
        DynamicParameters parameters, int skip, int need)
    {
        var ids = new List<RankedId>();
        for (var tier = 0; tier < match.TierCount && need > 0; tier++)
        {
            var stream = $"{matching} AND {match.InTier("x", tier)}";
            if (tier < match.TierCount - 1)
            {
                parameters.Add("Take", skip + need);
                var count = session.QuerySingleOrDefault<int>($"SELECT COUNT(*) FROM (SELECT 1 {stream} LIMIT @Take) counted", parameters);
                if (count <= skip)
                {
                    skip -= count;
                    continue;
                }
            }
            // A section's row holds its heading's lexemes too: a heading match is a hit of the stream
            // unless a filter, an exclusion or a tier boundary narrows the stream further.
            var headingsAreHits = inFilters is null && !match.Narrows;
            var page = HeadingsThenRecent(session, match, stream, inRow, inFilters, match.Candidates(tier), headingsAreHits, surely, parameters,
                skip, need);
            var rank = (match.TierCount - 1 - tier) * 4;
            ids.AddRange(page.Select(r => r with { Rank = rank + r.Rank }));
            need -= page.Count;
            skip = 0;
        }
        return ids;
    }

    /// <summary>
    /// Up to <paramref name="take"/> hits of one stream after <paramref name="skip"/>: heading matches (ranked), then the rest
    /// newest-imported first. <paramref name="candidates"/>: a condition every hit of the stream meets that the GIN indexes answer alone;
    /// <paramref name="inRow"/>: the stream checked in each row's runs alone, or null; <paramref name="inFilters"/>: the sections the
    /// filters keep, or null.
    /// </summary>
    List<RankedId> HeadingsThenRecent(ReadSession session, Match match, string stream, string? inRow, string? inFilters, string candidates,
        bool headingsAreHits, Surely surely, DynamicParameters parameters, int skip, int take)
    {
        // A row is checked against the stream by its runs where it can be: the stream's own forms
        // are tsvectors, and checking them one section at a time reads each from TOAST.
        var check = inRow ?? stream;
        // search_headings holds the headings alone: small rows, so matching and ranking them stays
        // cheap for a word in every other body (as SQLite's search_headings, migration 005).
        // As SearchStore does, the headings holding the terms are counted within the filters alone:
        // past the limit none is put first. Then those whose section is not a hit of the stream (its
        // tier, an excluded term) are left out: asking the stream reads the sections' rows, so only
        // where the answer can be no, and heading by heading (OFFSET 0 keeps the planner from
        // turning it into a join, which read every hit of the stream first: 43,617 rows for
        // guokeji's second tier, 340–440 ms). Counted by the stream, guokeji's 16,763 headings read
        // 2,001 sections' rows (75 ms) to find them past the limit.
        string Heading(string? inSections) => $"FROM search_headings h WHERE {match.Headings}"
            + (inSections is null ? "" : $" AND EXISTS (SELECT 1 {inSections} AND x.section_id = h.section_id OFFSET 0)");
        parameters.Add("Take", exactUpTo + 1);
        var headings = surely.Headings > exactUpTo
                       || session.QuerySingleOrDefault<int>($"SELECT COUNT(*) FROM (SELECT 1 {Heading(inFilters)} LIMIT @Take) counted", parameters) > exactUpTo
            ? []
            : session.Query<long>($"SELECT h.section_id {Heading(headingsAreHits ? null : check)} ORDER BY {match.Rank("h", Weights, ShorterFirst)} DESC, h.section_id",
                parameters);

        var ids = headings.Skip(Math.Min(skip, headings.Count)).Take(take).Select(id => new RankedId(id, 2)).ToList();
        parameters.Add("Ids", headings.ToArray());
        var (recentTake, recentSkip) = (take - ids.Count, Math.Max(0, skip - headings.Count));
        parameters.Add("Take", recentTake);
        parameters.Add("Skip", (long)recentSkip);
        if (inRow is not null)
        {
            // Han characters alone: the newest sections are walked newest first and their runs read
            // (1.6 ms for the 20 newest of 5,555 hits of 各方面都给予, where sorting the candidates
            // read every one of them, 9.7 ms), but only the newest walkedPerHit sections per hit
            // wanted: a sparse term falls back to the candidates below.
            parameters.Add("Window", (recentSkip + recentTake) * (long)walkedPerHit);
            var walked = session.Query<RankedId>($"""
                SELECT x.section_id AS Id, CAST(0 AS double precision) AS Rank {inRow} AND NOT (x.section_id = ANY(@Ids))
                  AND x.section_id >= COALESCE((SELECT section_id FROM search_sections ORDER BY section_id DESC OFFSET @Window LIMIT 1), 0)
                ORDER BY x.section_id DESC
                LIMIT @Take OFFSET @Skip
                """, parameters).AsList();
            if (walked.Count == recentTake)
                return [.. ids, .. walked];
        }
        // The newest hits. When the stream reads rows (a phrase needs its positions, an exclusion or a
        // tier boundary is a NOT, each read from TOAST), candidates come from the GIN indexes alone
        // (every lexeme of each phrase, no row read), newest first, and each is checked against the
        // stream only until the page is full: checking every hit and then taking the newest read all
        // of them, 5,440 rows for a three-character word (45 ms of its 65). Without such conditions
        // the index answers exactly, and the rows are only counted and sorted.
        ids.AddRange(session.Query<RankedId>(match.ReadsRows ? $"""
            SELECT c.section_id AS Id, CAST(0 AS double precision) AS Rank
            FROM (SELECT x.section_id FROM search_sections x WHERE {candidates} AND NOT (x.section_id = ANY(@Ids))
                  ORDER BY x.section_id DESC OFFSET 0) c
            CROSS JOIN LATERAL (SELECT 1 {check} AND x.section_id = c.section_id OFFSET 0) hit
            ORDER BY c.section_id DESC
            LIMIT @Take OFFSET @Skip
            """ : $"""
            SELECT x.section_id AS Id, CAST(0 AS double precision) AS Rank {stream} AND NOT (x.section_id = ANY(@Ids))
            ORDER BY x.section_id DESC
            LIMIT @Take OFFSET @Skip
            """, parameters));
        return ids;
    }

    static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// How many sections hold each of <paramref name="lexemes"/> (form, lexeme; migration 006: absent is none), and the
    /// sections in all as the planner last counted them (0 when not counted yet).
    /// </summary>
    static LexemeSections CountSections(ReadSession session, IReadOnlyCollection<(string Form, string Lexeme)> lexemes)
    {
        // The total comes with each row: with no row every count is 0, and no choice reads the total then.
        var rows = session.Query<(string Form, string Lexeme, int Sections, double Total)>("""
            SELECT form, lexeme, sections, (SELECT GREATEST(reltuples, 0) FROM pg_class WHERE oid = CAST('search_sections' AS regclass))
            FROM search_lexeme_sections
            WHERE (form, lexeme) IN (SELECT * FROM unnest(CAST(@Forms AS text[]), CAST(@Lexemes AS text[])))
            """, new { Forms = lexemes.Select(l => l.Form).ToArray(), Lexemes = lexemes.Select(l => l.Lexeme).ToArray() });
        return new(rows.ToDictionary(r => (r.Form, r.Lexeme), r => r.Sections), rows.Count == 0 ? 0 : rows[0].Total);
    }

    /// <summary>Sections holding each (form, lexeme) counted, and the sections in all (0: unknown).</summary>
    sealed record LexemeSections(IReadOnlyDictionary<(string Form, string Lexeme), int> Sections, double Total)
    {
        public int this[string form, string lexeme] => Sections.GetValueOrDefault((form, lexeme));
    }

    /// <summary>
    /// A parsed query as SQL: every term a tsquery parameter, in the form columns
    /// <see cref="SearchQuery"/> chooses for FTS5 (pairs unless a Han character stands alone, also in
    /// the labels; here a triple for three Han characters, which FTS5 does not need: it keeps
    /// positions; pinyin as word readings, single syllables, pairs, or pairs in any reading), each
    /// alternative with its match tier. The same parameters serve search_sections (alias x) and
    /// search_headings (alias h), which have the same columns but the labels.
    /// </summary>
    sealed class Match
    {
        readonly List<List<Alternative>> included;
        readonly List<List<Alternative>> excluded;
        readonly string? near;
        // Every included term as one lexeme, one tsquery per form (InOneQueryPerForm), or null.
        readonly string? inOneQueryPerForm;

        /// <summary>
        /// <paramref name="Candidates"/>: the parameter with the same lexemes in any order and place (<see cref="TsVectors.AllOf"/>);
        /// <paramref name="Lexeme"/>: the parameter holding the one lexeme a text alternative is (its sections are counted, migration 006),
        /// or a pinyin one of a counted form (migration 011), else null.
        /// </summary>
        /// <paramref name="Runs"/>: the parameter holding <c>%phrase%</c> when the alternative is Han characters checked in the runs column (migration 009), else null.
        sealed record Alternative(string Column, string Parameter, string Candidates, bool IsPhrase, SearchQuery.MatchTier Tier, string? Lexeme = null,
            string? Runs = null)
        {
            public bool IsLabel => Column.StartsWith("label", StringComparison.Ordinal);

            /// <summary>The tokens the tsquery parameters are made of.</summary>
            public IReadOnlyList<string> Tokens { get; init; } = [];

            /// <summary>
            /// <see cref="Parameter"/> and <see cref="Candidates"/> in sections without the excluded terms' lexemes of this
            /// form (<see cref="Narrowed"/>), or null when no excluded term is one lexeme of it.
            /// </summary>
            public (string Parameter, string Candidates)? WithoutExcluded { get; init; }

            /// <summary>
            /// A phrase of Han characters (<see cref="Runs"/>): its characters, not the phrase.
            /// </summary>
            public IReadOnlyList<string> Characters { get; init; } = [];

            /// <summary>
            /// The parameter holding <see cref="Characters"/> anywhere in the words form, in sections without the excluded
            /// terms' lexemes of that form (<see cref="ByCharacters"/>), or null when its own form narrows more.
            /// </summary>
            public string? CharactersWithoutExcluded { get; init; }
        }

        Match(SearchQuery query, Func<IReadOnlyCollection<(string Form, string Lexeme)>, LexemeSections> countSections)
        {
            // The excluded terms first: each included alternative is narrowed by their lexemes.
            excluded = query.Terms.Where(t => t.IsExcluded).Select(Term).ToList();
            included = query.Included.Select(t => Term(t).Select(Narrowed).ToList()).ToList();
            // Then the lexeme counts, where they can change the lookups: one round trip for both. Terms are only joined
            // (InOneQueryPerForm) when every alternative is one lexeme, so other queries are not counted for it.
            var joinable = included.Count > 1 && included.All(t => t.All(a => a.Lexeme is not null));
            var (byCharacters, counted) = (ByCharactersAsks(), joinable ? included.SelectMany(t => t).ToList() : []);
            if (byCharacters.Phrases.Count > 0 || counted.Count > 0)
            {
                var sections = countSections(byCharacters.Lexemes.Concat(counted.Select(a => (a.Column, TsVectors.Lexeme(a.Tokens[0])))).ToHashSet());
                included = ByCharacters(byCharacters.Phrases, byCharacters.ExcludedWords, sections);
                inOneQueryPerForm = InOneQueryPerForm(WithoutAbsent(included, sections));
            }
            TierCount = query.TierCount;
            if (query.Included.Count > 1)
                near = NearTerms(query.Included);
        }

        /// <param name="countSections">How many sections hold some lexemes: asked once, and only with two included terms or more, or a phrase and an excluded word.</param>
        public static Match For(SearchQuery query, Func<IReadOnlyCollection<(string Form, string Lexeme)>, LexemeSections> countSections) =>
            new(query, countSections);

        public DynamicParameters Parameters { get; } = new();

        public int TierCount { get; }

        /// <summary>Sections holding every included term and no excluded one.</summary>
        public string Sections => (inOneQueryPerForm ?? All("x", included, SearchQuery.MatchTier.Other, narrowed: true))
            + (excluded.Count == 0 ? "" : $" AND NOT ({string.Join(" OR ", excluded.Select(Present))})");

        /// <summary>
        /// A section holding an excluded term: Han characters by the runs column, in the row; else by
        /// its forms, whose tsvectors a NOT reads from TOAST for every candidate.
        /// </summary>
        static string Present(List<Alternative> term) =>
            term.All(a => a.Runs is not null) ? RunsHold(term) : Any("x", term, SearchQuery.MatchTier.Other);

        /// <summary>
        /// The sections holding every included term and no excluded one by their runs alone, when every
        /// term is Han characters (one tier): no GIN index, so only for sections read one by one. Else null.
        /// </summary>
        public string? InRuns => included.Concat(excluded).All(t => t.All(a => a.Runs is not null))
            ? "(" + string.Join(" AND ", included.Select(RunsHold)) + (excluded.Count == 0 ? "" : $" AND NOT ({string.Join(" OR ", excluded.Select(RunsHold))})") + ")"
            : null;

        static string RunsHold(IEnumerable<Alternative> alternatives) =>
            "(" + string.Join(" OR ", alternatives.Select(a => $"x.runs LIKE @{a.Runs}").Distinct()) + ")";

        /// <summary>
        /// Sections holding every lexeme of every included term in the alternatives of
        /// <paramref name="tier"/> and above (<see cref="InTier"/>; every alternative for the last), in
        /// any order and place: all hits of that tier and a few more, answered by the GIN indexes without reading rows.
        /// </summary>
        public string Candidates(int tier) => tier == TierCount - 1 && inOneQueryPerForm is { } all ? all
            : All("x", included, tier == TierCount - 1 ? SearchQuery.MatchTier.Other : (SearchQuery.MatchTier)tier, anyOrder: true, narrowed: true);

        /// <summary>
        /// SQL for how many sections (Sections) and how many headings (Headings) surely match when
        /// nothing but the one included term narrows the search: the most sections (headings) any of
        /// its counted lexemes is in (migrations 006 and 011), each of them a hit. Null with more terms or an
        /// exclusion, or when no alternative is a counted lexeme.
        /// </summary>
        public string? SurelyMatching()
        {
            if (included.Count != 1 || excluded.Count > 0)
                return null;
            var counted = included[0].Where(a => a.Lexeme is not null).ToList();
            if (counted.Count == 0)
                return null;
            // Headings have no labels.
            var forms = counted.SelectMany(a => (a.IsLabel ? [a.Column] : new[] { a.Column, "heading_" + a.Column })
                .Select(form => $"('{form}', CAST(@{a.Lexeme} AS text))"));
            return $"""
                SELECT COALESCE(MAX(sections) FILTER (WHERE NOT starts_with(form, 'heading_')), 0) AS Sections,
                       COALESCE(MAX(sections) FILTER (WHERE starts_with(form, 'heading_')), 0) AS Headings
                FROM search_lexeme_sections WHERE (form, lexeme) IN ({string.Join(", ", forms)})
                """;
        }

        /// <summary>Whether the matches are fewer than the sections holding every included term: an exclusion, or tiers (each a part of the hits).</summary>
        public bool Narrows => excluded.Count > 0 || TierCount > 1;

        /// <summary>Whether matching a section reads its row, not the GIN indexes alone: a phrase (positions), an exclusion or a tier boundary (NOT).</summary>
        public bool ReadsRows => Narrows || included.Any(t => t.Any(a => a.IsPhrase));

        /// <summary>Headings holding every included term.</summary>
        public string Headings => string.Join(" AND ", included.Select(t => Any("h", t.Where(a => !a.IsLabel).ToList(), SearchQuery.MatchTier.Other)));

        /// <summary>
        /// The ranking rules before the date as one number, higher better: 4 per tier above the last, 2 for
        /// a heading match, 1 for close terms — so ordering by it is ordering by tier, then heading, then
        /// closeness. Ordering by the selected number evaluates each rule once per hit (each reads the
        /// row's tsvector from TOAST again), where the rules written out in ORDER BY as well did twice.
        /// </summary>
        public string Score(string alias) =>
            $"({TierCount - 1} - {(TierCount == 1 ? "0" : Tier(alias))}) * 4 + CASE WHEN {InHeading(alias)} THEN 2 ELSE 0 END"
            + (near is null ? "" : $" + CASE WHEN {near} THEN 1 ELSE 0 END");

        string Tier(string alias) => "CASE " + string.Concat(Enumerable.Range(0, TierCount - 1)
            .Select(t => $"WHEN {All(alias, included, (SearchQuery.MatchTier)t)} THEN {t} ")) + $"ELSE {TierCount - 1} END";

        string InHeading(string alias) => $"{alias}.section_id IN (SELECT h.section_id FROM search_headings h WHERE {Headings})";

        /// <summary>Hits of exactly this tier (a hit of the search already).</summary>
        public string InTier(string alias, int tier) => TierCount == 1 ? "TRUE"
            : (tier == TierCount - 1 ? "TRUE" : All(alias, included, (SearchQuery.MatchTier)tier))
              + (tier == 0 ? "" : $" AND NOT {All(alias, included, (SearchQuery.MatchTier)(tier - 1))}");

        /// <summary>The sum of ts_rank over the included terms' columns of the table <paramref name="alias"/>.</summary>
        public string Rank(string alias, string weights, int normalization = 0) => string.Join(" + ", included.SelectMany(t => t).Where(a => !a.IsLabel || alias == "x")
            .Select(a => $"ts_rank({weights}, {alias}.{a.Column}, CAST(@{a.Parameter} AS tsquery), {normalization})"));

        /// <summary>
        /// Every term, each by any of its alternatives up to <paramref name="upTo"/>; <paramref name="anyOrder"/>: their lexemes in
        /// any order and place; <paramref name="narrowed"/>: only in sections without the excluded terms' lexemes (<see cref="Narrowed"/>),
        /// where the exclusion is checked too.
        /// </summary>
        static string All(string alias, List<List<Alternative>> terms, SearchQuery.MatchTier upTo, bool anyOrder = false, bool narrowed = false) =>
            "(" + string.Join(" AND ", terms.Select(t => Any(alias, t, upTo, anyOrder, narrowed))) + ")";

        /// <remarks>
        /// A phrase of Han characters in search_sections is its lexemes in any order (GIN alone) and the
        /// phrase in the runs column (the row), not the phrase in its tsvector (TOAST; migration 009).
        /// </remarks>
        static string Any(string alias, List<Alternative> alternatives, SearchQuery.MatchTier upTo, bool anyOrder = false, bool narrowed = false)
        {
            var chosen = alternatives.Where(a => a.Tier <= upTo).ToList();
            var inRuns = alias == "x" && !anyOrder && chosen.Count > 0 && chosen.All(a => a.Runs is not null && a.IsPhrase);
            string Query(Alternative a) => (narrowed ? a.WithoutExcluded : null) is var (phrase, candidates)
                ? anyOrder || inRuns ? candidates : phrase
                : anyOrder || inRuns ? a.Candidates : a.Parameter;
            string Condition(Alternative a) => narrowed && (anyOrder || inRuns) && a.CharactersWithoutExcluded is { } characters
                ? $"{alias}.words @@ CAST(@{characters} AS tsquery)"
                : $"{alias}.{a.Column} @@ CAST(@{Query(a)} AS tsquery)";
            var forms = "(" + string.Join(" OR ", chosen.Select(Condition)) + ")";
            return inRuns ? $"({forms} AND {RunsHold(chosen)})" : forms;
        }

        /// <summary>
        /// <paramref name="alternative"/> with its tsqueries also in sections that hold no excluded term's lexeme of its form: a
        /// section holding one holds that term (as the exclusion checks it, in the runs or the forms), so it is no hit anyway, and
        /// GIN leaves it out of the candidates without reading its row ("型科研機構" -杭州: 7,583 rows read to count 2,001 hits,
        /// 2,001 with it). An excluded term of more lexemes (a phrase) cannot be negated lexeme by lexeme and narrows nothing.
        /// </summary>
        Alternative Narrowed(Alternative alternative)
        {
            var lexemes = ExcludedLexemes(alternative.Column);
            return lexemes.Count == 0 ? alternative : alternative with
            {
                WithoutExcluded = (Parameter(TsVectors.Without(TsVectors.Phrase(alternative.Tokens), lexemes)),
                    Parameter(TsVectors.Without(TsVectors.AllOf(alternative.Tokens), lexemes))),
            };
        }

        /// <summary>The tokens of the excluded terms that are one lexeme of <paramref name="form"/>: a section holding one is no hit.</summary>
        List<string> ExcludedLexemes(string form) =>
            excluded.SelectMany(t => t).Where(e => e.Column == form && e.Tokens.Count == 1).Select(e => e.Tokens[0]).ToList();

        /// <summary>The phrases <see cref="ByCharacters"/> may look up by their characters, the excluded words it would leave out, and the lexemes it counts.</summary>
        (List<Alternative> Phrases, List<string> ExcludedWords, List<(string Form, string Lexeme)> Lexemes) ByCharactersAsks()
        {
            var excludedWords = ExcludedLexemes("words");
            var phrases = excludedWords.Count == 0 ? []
                : included.SelectMany(t => t).Where(a => a.Column == "pairs" && a.IsPhrase && a.Characters.Count > 0).ToList();
            return (phrases, excludedWords, phrases.Count == 0 ? []
                : phrases.SelectMany(a => a.Tokens.Select(p => ("pairs", TsVectors.Lexeme(p))).Concat(a.Characters.Select(c => ("words", TsVectors.Lexeme(c)))))
                    .Concat(excludedWords.Select(e => ("words", TsVectors.Lexeme(e)))).ToList());
        }

        /// <summary>
        /// The included terms with each of <paramref name="phrases"/> (Han characters in the pairs form) looked up by its characters in the
        /// words form instead, without <paramref name="excludedWords"/>, where the lexeme counts say that leaves fewer candidates.
        /// An excluded character is a lexeme of the words form only, so it cannot narrow the pairs (<see cref="Narrowed"/>), and every
        /// candidate holding it was read to find it in the runs: counting 2,001 hits of <c>"路徑依賴" -家</c> read 8,158 rows through
        /// the pairs (43–49 ms) and took 14–18 ms through <c>路 &amp; 径 &amp; 依 &amp; 赖 &amp; !家</c>. But a phrase's characters are
        /// in more sections than its pairs (<c>"智能技術" -方</c>: 33 ms by the pairs, 100 by the characters), so the counts choose:
        /// the rarest character's sections, of which as many hold no excluded lexeme as in the whole archive, against the rarest
        /// pair's. Never both: side by side the planner read one form's tsvector per candidate of the other, from TOAST.
        /// </summary>
        List<List<Alternative>> ByCharacters(List<Alternative> phrases, List<string> excludedWords, LexemeSections sections)
        {
            var withoutExcluded = sections.Total <= 0 ? 1
                : excludedWords.Select(TsVectors.Lexeme).Distinct().Aggregate(1.0, (share, e) => share * Math.Max(0, 1 - sections["words", e] / sections.Total));
            Alternative Chosen(Alternative a) =>
                phrases.Contains(a) && a.Characters.Min(c => sections["words", TsVectors.Lexeme(c)]) * withoutExcluded < a.Tokens.Min(p => sections["pairs", TsVectors.Lexeme(p)])
                    ? a with { CharactersWithoutExcluded = Parameter(TsVectors.Without(TsVectors.AllOf(a.Characters), excludedWords)) }
                    : a;
            return included.Select(t => t.Select(Chosen).ToList()).ToList();
        }

        /// <summary>
        /// <paramref name="terms"/> without the alternatives of one lexeme that no section holds in their form (the labels forms, mostly),
        /// unless that leaves a term none: such an alternative matches nothing, and without it the terms may be one query per form
        /// (<see cref="InOneQueryPerForm"/>). The counts are of the same snapshot as the search. Only for that: left out otherwise, the
        /// planner looked one term up and tested the other's forms row by row (<c>的大 投入</c>: 29–33 ms with <c>的大</c>'s empty labels
        /// lookup, 53–65 without it).
        /// </summary>
        static List<List<Alternative>> WithoutAbsent(List<List<Alternative>> terms, LexemeSections sections) => terms.Select(t =>
            t.Where(a => a.Lexeme is null || sections[a.Column, TsVectors.Lexeme(a.Tokens[0])] > 0).ToList() is { Count: > 0 } present ? present : t).ToList();

        /// <summary>
        /// With two included terms or more, each of whose alternatives is one lexeme: the condition that a section holds them all as
        /// one tsquery per form (<c>x.triples @@ '其母公 &amp; 技领域'</c>), for each way of taking one alternative per term, with the
        /// excluded lexemes of that form left out as <see cref="Narrowed"/> does. GIN then walks the rarer lexeme's sections and skips
        /// through the other's, where as two conditions it built a bitmap of each whole and intersected them (counting 1,786 hits of
        /// <c>其母公 技領域</c>: 17–22 ms, as one tsquery 2.6–3.5 ms); and the planner no longer looks one term up and tests the other's
        /// forms row by row, read from TOAST (<c>的大 投入</c>, whose 投入 is also a label: 46–52 ms, as two ways 19–37 ms). Null with
        /// more than <see cref="MostWays"/> ways.
        /// </summary>
        string? InOneQueryPerForm(List<List<Alternative>> terms)
        {
            // A term folded to nothing (a lone combining mark) is an empty tsquery, which matches nothing: not one to join.
            if (terms.Count < 2 || terms.Any(t => t.Any(a => a.Lexeme is null || TsVectors.Lexeme(a.Tokens[0]).Length == 0)))
                return null;
            var ways = terms.Aggregate(new List<List<Alternative>> { new() }, (taken, term) => taken.SelectMany(w => term.Select(a => (List<Alternative>)[.. w, a])).ToList());
            if (ways.Count > MostWays)
                return null;
            string Holds(string form, IEnumerable<string> tokens) =>
                $"x.{form} @@ CAST(@{Parameter(TsVectors.Without(TsVectors.AllOf(tokens), ExcludedLexemes(form)))} AS tsquery)";
            // A triple of Han characters beside a pair is looked up by its two pairs in the pairs' tsquery and checked as a phrase in
            // the runs: GIN builds a bitmap per form, and the triple's alone was the larger part of the count (化現 的重要: 21–22 ms,
            // as pairs and runs 12–14). The runs also hold the labels; a section whose labels alone hold the triple is a hit by
            // the way taking its labels alternative, or holds no such label (absent, left out).
            string Way(List<Alternative> way)
            {
                var asPairs = way.Any(a => a.Column == "pairs") ? way.Where(a => a.Column == "triples" && a.Runs is not null).ToList() : [];
                var pairs = asPairs.SelectMany(a => a.Characters.Zip(a.Characters.Skip(1), string.Concat));
                var forms = way.Except(asPairs).GroupBy(a => a.Column)
                    .Select(form => Holds(form.Key, form.Select(a => a.Tokens[0]).Concat(form.Key == "pairs" ? pairs : [])));
                return "(" + string.Join(" AND ", forms.Concat(asPairs.Select(a => $"x.runs LIKE @{a.Runs}"))) + ")";
            }
            return "(" + string.Join(" OR ", ways.Select(Way)) + ")";
        }

        /// <summary>Each way is a lookup of its own: two terms with a label each are four.</summary>
        const int MostWays = 4;

        string Parameter(string value)
        {
            var parameter = $"q{Parameters.ParameterNames.Count()}";
            Parameters.Add(parameter, value);
            return parameter;
        }

        List<Alternative> Term(SearchTerm term)
        {
            var alternatives = new List<(string Column, IEnumerable<string> Tokens, SearchQuery.MatchTier Tier)>();
            var result = new List<Alternative>();
            foreach (var words in term.AllSpellings)
            {
                var wordPairs = SearchTokens.WordPairs(Tokens(words)).Select(t => t.Text).ToList();
                // Three Han characters are one triple (migration 007), where pairs are a phrase whose every
                // hit's row is read to check it. A longer word stays a phrase of pairs: as a phrase of triples
                // it has as many candidates to check, and a triples row is longer to read (docs/search.md,
                // "Built: triples").
                var text = SearchTokens.HasLoneHan(words) ? (Column: "words", Labels: "labels", Tokens: words)
                    : wordPairs is [var first, var second] && PostgresSearchIndex.Triple(first, second) is { } triple
                        ? (Column: "triples", Labels: "label_triples", Tokens: [triple])
                    : (Column: "pairs", Labels: "label_pairs", Tokens: wordPairs);
                var (textParameter, textCandidates) = (Parameter(TsVectors.Phrase(text.Tokens)), Parameter(TsVectors.AllOf(text.Tokens)));
                var tokens = text.Tokens.ToList();
                var isPhrase = tokens.Count > 1;
                var lexeme = tokens.Count == 1 ? Parameter(TsVectors.Lexeme(tokens[0])) : null;
                // Han characters alone can be checked in the runs column: where a row is read anyway (a phrase
                // of four or more, an excluded term; fewer are one lexeme, which GIN answers exactly), and in
                // the newest-first walk.
                var runs = words.All(SearchTokens.IsHanText) ? Parameter("%" + string.Concat(words) + "%") : null;
                result.Add(new(text.Column, textParameter, textCandidates, isPhrase, SearchQuery.MatchTier.Text, lexeme, runs)
                {
                    Tokens = tokens,
                    Characters = runs is null ? [] : string.Concat(words).EnumerateRunes().Select(r => r.ToString()).ToList(),
                });
                result.Add(new(text.Labels, textParameter, textCandidates, isPhrase, SearchQuery.MatchTier.Text, lexeme, runs) { Tokens = tokens });
            }
            if (term.Syllables is { } syllables)
            {
                // Two words are one lexeme of their own form, three syllables one of theirs (migration 008):
                // as phrases each read every candidate's row (xiangshixian: 16,621 rows and no hit).
                foreach (var cut in SearchTokens.WordCuts(syllables))
                    alternatives.Add(cut is [var word, var next] ? ("pinyin_word_pairs", [PostgresSearchIndex.WordPair(word, next)], SearchQuery.MatchTier.WordReading)
                        : ("pinyin_words", cut, SearchQuery.MatchTier.WordReading));
                if (syllables.Count == 1)
                    alternatives.Add(("pinyin", syllables, SearchQuery.MatchTier.Other));
                else
                {
                    var pairs = SearchTokens.PinyinPairs(Tokens(syllables)).Select(t => t.Text).ToList();
                    alternatives.Add(pairs is [var pair, var next] ? ("pinyin_triples", [PostgresSearchIndex.PinyinTriple(pair, next)!], SearchQuery.MatchTier.Other)
                        : ("pinyin_pairs", pairs, SearchQuery.MatchTier.Other));
                    if (syllables.Count == 2)
                        alternatives.Add(("pinyin_readings", pairs, SearchQuery.MatchTier.Other));
                }
            }
            result.AddRange(alternatives.Select(a => new Alternative(a.Column, Parameter(TsVectors.Phrase(a.Tokens)), Parameter(TsVectors.AllOf(a.Tokens)), a.Tokens.Count() > 1, a.Tier,
                // One syllable, two or three in the usual reading: one lexeme of a counted form (migration 011).
                Lexeme: CountedPinyin.Contains(a.Column) && a.Tokens.Count() == 1 ? Parameter(TsVectors.Lexeme(a.Tokens.Single())) : null)
            {
                Tokens = a.Tokens.ToList(),
            }));
            return result;
        }

        /// <summary>
        /// FTS5's NEAR(a b, N) pair by pair, as tsquery: b starts at most N + 1 positions after a ends
        /// (or a after b), both in the heading (weight A) or both in the body (D), as FTS5 keeps them
        /// in two columns. In the pairs form, or the words form if some term has a lone Han character.
        /// </summary>
        string NearTerms(IReadOnlyList<SearchTerm> terms)
        {
            var single = terms.Any(t => SearchTokens.HasLoneHan(t.Words));
            var column = single ? "words" : "pairs";
            var phrases = terms.Select(t => SearchQuery.TextTokens(t, single)).ToList();
            return "(" + string.Join(" AND ", phrases.Zip(phrases.Skip(1), (a, b) =>
            {
                var alternatives = new List<string>();
                foreach (var weight in new[] { "A", "D" })
                    for (var distance = 1; distance <= SearchQuery.CloseWithin + 1; distance++)
                    {
                        alternatives.Add($"({TsVectors.Phrase(a, weight)}) <{distance}> ({TsVectors.Phrase(b, weight)})");
                        alternatives.Add($"({TsVectors.Phrase(b, weight)}) <{distance}> ({TsVectors.Phrase(a, weight)})");
                    }
                return $"x.{column} @@ CAST(@{Parameter(string.Join(" | ", alternatives))} AS tsquery)";
            })) + ")";
        }

        /// <summary>The pinyin forms of search_sections whose lexemes' sections are counted (migration 011).</summary>
        static readonly string[] CountedPinyin = ["pinyin", "pinyin_pairs", "pinyin_triples"];

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
