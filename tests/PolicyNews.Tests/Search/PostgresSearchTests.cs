using Dapper;
using PolicyNews.Archive.Import;
using PolicyNews.Archive.Search;
using PolicyNews.Archive.Store.PostgreSQL;
using PolicyNews.Archive.Store;
using PolicyNews.Tests.Store.PostgreSQL;
using static PolicyNews.Tests.Search.SeedArchive;

namespace PolicyNews.Tests.Search;

/// <summary>The seeds imported into SQLite once and copied into a PostgreSQL archive (<see cref="ArchiveCopy"/>), shared by a test class.</summary>
public sealed class SeedArchiveOnPostgres : IDisposable
{
    public SeedArchive Sqlite { get; } = new();
    PostgresArchive? postgres;

    public PostgresArchive Postgres(PostgresCluster cluster)
    {
        lock (this)
        {
            if (postgres is null)
            {
                postgres = PostgresArchive.Open(cluster.CreateDatabase());
                ArchiveCopy.Copy(Sqlite.Database, postgres);
            }
            return postgres;
        }
    }

    public void Dispose()
    {
        postgres?.Dispose();
        Sqlite.Dispose();
    }
}

/// <summary>
/// Search on PostgreSQL finds what search on SQLite finds, query by query, over the same archive:
/// folding of scripts, 1- and 2-character words, pinyin in any reading, phrases, exclusions,
/// filters, the newest-first order and the limit past which counting stops.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSearchTests(PostgresFixture postgres, SeedArchiveOnPostgres seeds) : IClassFixture<SeedArchiveOnPostgres>
{
    static readonly string[] QueryTexts =
    [
        "创新", "創新", "新", "才", "杭州", "杭州。", "deepseek", "ＤｅｅｐＳｅｅｋ", "DeepSeek式創新", "\"DeepSeek式創新\"",
        "chuangxin", "hangzhou", "hang zhou", "xin", "changqi", "hangye", "chongxin", "rencaipei", "六小龙", "六小龍 杭州",
        "創新 -人才", "人才 -deepseek -杭州", "\"人才培養\"", "科技 创新 企业", "梁文锋", "AI", "2025", "的", "\"人才 創新\"", "\"创新 人才\"",
        // The ranking rules (docs/search.md, "Ranking"): tiers, labels, word spellings, close terms.
        "zhongxin", "shiye", "ai", "趙廣立", "人民論壇", "中美科技競爭", "随着", "科技 创新", "deepseek 杭州",
        // Three and four syllables, one lexeme each on PostgreSQL (migration 008): hits read as words and hits that are not.
        "jishuchuang", "kejichuangxin",
        // Han characters checked in the runs column (migration 009): four or more, excluded ones of any length.
        "人才 -州", "科技 -民", "\"人才培養\" -深度 -deepseek", "科技創新 -杭州",
        // An excluded term of one lexeme also narrows the included terms' lookups in its form, a phrase does not.
        "六小龙 -杭州市", "chuangxin -hangzhou", "创新 -\"人才培養\"", "杭州 -杭州市",
        // Excluded characters, lone or in a phrase across punctuation, and a Latin word, against Han terms in the pairs and triples forms.
        "人才培養 -杭", "科技 -的。人", "杭州 -ai",
        // A phrase looked up by its characters in the words form, without the excluded ones, when they are rarer than its pairs:
        // with two excluded; a Latin word excluded (a lexeme of the pairs: it narrows them instead); a tag's name (a label, still
        // looked up by its pairs); two phrases.
        "人才培養 -杭 -州", "人才培養 -deepseek", "創新人才 -杭", "人才培養 科技創新 -杭",
        // Terms each one lexeme of one form, in one tsquery once the labels forms, which hold none of them, are left out:
        // two pairs, two triples, with an excluded lexeme of that form; a pair and a triple (two forms); a tag's name beside a
        // word, whose labels form stays (兩會 and 算力 are labels of sections whose text says 代表委員 or 計算資源).
        "公司 市場", "等前沿 顛覆性", "前沿 公司 -提供", "顛覆性 賽道", "開源 公司", "兩會 代表", "兩會 提供", "芯片 公司", "算力 公司",
        // Punctuation inside a term: the break token is no lexeme on either provider (FTS5 reads it as a separator).
        "創。新", "創★新", "科，技 人才", "\"人 才\"",
    ];

    // Nothing to search, and phrases of two words that share sections but never stand side by side.
    // 代表中國 stands in the seeds only across a comma (代表，中國); 在接受訪 and 想法和資 are nowhere, though one
    // section holds each of their pairs (a phrase is more than its pairs in any order), as does 潮流競 beside 公司
    // (a triple looked up by its pairs beside a pair); every 創新 holds 新.
    static readonly string[] FindingNothing =
        ["，", "-创新", "\"deepseek 杭州\"", "\"杭州 deepseek\"", "代表中國", "在接受訪", "想法和資", "創新 -新", "潮流競 公司"];

    public static TheoryData<string> Queries => new(QueryTexts.Concat(FindingNothing));

    [PostgresTheory]
    [MemberData(nameof(Queries))]
    public void FindsTheSameSectionsAsSqlite(string query)
    {
        var request = new SearchRequest(query, PageSize: SearchStore.MaxPageSize, CountAll: true);
        var sqlite = seeds.Sqlite.Search.Search(request);
        var pg = new PostgresSearch(seeds.Postgres(postgres.Cluster)).Find(request);

        Assert.Equal(sqlite.Query.Status, pg.Query.Status);
        Assert.Equal(sqlite.TotalHits, pg.TotalHits);
        // Under the exact limit the order is the ranking rules, the same on both (then date, article, section);
        // SearchStore groups its page by article in the order of each article's first hit, so PostgreSQL's is grouped too.
        // Closeness (two terms or more) is FTS5's NEAR on SQLite and its emulation on PostgreSQL: the same since
        // the break token is no lexeme on PostgreSQL either (migration 010; "deepseek 杭州" disagreed before).
        var articleOf = sqlite.Articles.SelectMany(a => a.Hits.Select(h => (h.Section.StableId, a.Article.Slug))).ToDictionary();
        var pgOrder = StableIds(pg.SectionIds).GroupBy(id => articleOf[id]).SelectMany(g => g).ToList();
        Assert.Equal(sqlite.Hits.Select(h => h.Section.StableId), pgOrder);
    }

    /// <summary>
    /// The forms of neighbouring lexemes (triples, pinyin triples, word pairs: migrations 007 and 008)
    /// and the runs of Han characters (009) that the importer makes in C# are what the migrations' SQL
    /// functions make of the forms beside them, so an archive migrated in place and one imported afresh search alike.
    /// </summary>
    [PostgresFact]
    public void NeighbourFormsAreWhatTheMigrationsMakeOfTheirForms()
    {
        using var connection = seeds.Postgres(postgres.Cluster).OpenConnection();
        var (sections, headings, full) = connection.QuerySingle<(long, long, long)>("""
            SELECT (SELECT COUNT(*) FROM search_sections
                    WHERE triples <> search_triples(pairs) OR label_triples <> search_triples(label_pairs)
                       OR pinyin_triples <> search_pinyin_triples(pinyin_pairs) OR pinyin_word_pairs <> search_word_pairs(pinyin_words)
                       OR runs <> search_runs(pairs, label_pairs)),
                   (SELECT COUNT(*) FROM search_headings
                    WHERE triples <> search_triples(pairs)
                       OR pinyin_triples <> search_pinyin_triples(pinyin_pairs) OR pinyin_word_pairs <> search_word_pairs(pinyin_words)),
                   (SELECT COUNT(*) FROM search_sections
                    WHERE triples <> '' AND label_triples <> '' AND pinyin_triples <> '' AND pinyin_word_pairs <> '' AND runs <> '')
            """);
        Assert.Equal((0L, 0L), (sections, headings));
        Assert.True(full > 0, "no section has all five forms");
    }

    [PostgresFact]
    public void TheQueryTableFindsWhatItMeansTo()
    {
        // Guards the comparison above against two providers that both find nothing.
        Assert.All(QueryTexts, q => Assert.True(seeds.Sqlite.Search.Search(new SearchRequest(q, CountAll: true)).TotalHits > 0, q));
        Assert.All(FindingNothing, q => Assert.Equal(0, seeds.Sqlite.Search.Search(new SearchRequest(q, CountAll: true)).TotalHits));
    }

    public static TheoryData<string, string?, string?> Filtered => new()
    {
        { "创新", null, Lessons },
        { "人才", "innovative-talent", null },
        { "杭州", "hangzhou", Replicated },
        { "创新", "no-such-tag", null },
    };

    [PostgresTheory]
    [MemberData(nameof(Filtered))]
    public void FiltersAndNewestFirstOrderMatchSqlite(string query, string? tag, string? article)
    {
        var request = new SearchRequest(query, tag, article, SearchSort.Newest, PageSize: SearchStore.MaxPageSize);
        var sqlite = seeds.Sqlite.Search.Search(request);
        var pg = new PostgresSearch(seeds.Postgres(postgres.Cluster)).Find(request);

        Assert.Equal(sqlite.TotalHits, pg.TotalHits);
        Assert.Equal(sqlite.Hits.Select(h => h.Section.StableId), StableIds(pg.SectionIds));
    }

    /// <summary>
    /// Past the exact limit both stop counting and show the same hits page by page (heading matches
    /// first, then newest). PostgreSQL takes the newest hits from candidates (every lexeme of a phrase,
    /// anywhere) and checks each against the phrase: sections holding the words apart are not hits.
    /// Heading matches are hits unless a filter, an exclusion or a tier narrows them.
    /// </summary>
    [PostgresTheory]
    [InlineData("创新", null, 3)]
    [InlineData("人才培養", null, 1)]
    [InlineData("的創新", null, 1)]
    [InlineData("\"科技 創新\"", null, 1)]
    [InlineData("創新 -人才", null, 1)]
    [InlineData("chuangxin", null, 1)]
    [InlineData("創新", Lessons, 1)]
    [InlineData("成功", Lessons, 1)]   // the one heading with 成功 is another article's
    [InlineData("成功 -為什么", null, 1)]   // … and holds 為什么
    [InlineData("chuangxin -hangzhou", null, 1)]   // narrowed lookups (an excluded lexeme of the same form), tier by tier
    // Han characters alone: the newest hits are found by walking the newest sections' runs, or, when
    // that window holds too few, from the candidates (here every page's window is too small).
    [InlineData("人才培養", null, 1, 1)]
    [InlineData("創新 -人才", null, 1, 1)]
    [InlineData("成功 -為什么", null, 1, 1)]
    [InlineData("六小龙 -杭州市", null, 1, 1)]
    [InlineData("人才 -州", null, 1, 1)]
    [InlineData("人才培養 -杭", null, 1, 1)]   // … the candidates by their characters, without the excluded one
    [InlineData("兩會 代表", null, 1, 1)]       // … one query per form, two ways (兩會 is also a label)
    public void PastTheExactLimitBothPageThroughTheSameHits(string query, string? article, int limit,
        int walkedPerHit = PostgresSearch.DefaultWalkedPerHit)
    {
        var paged = PageThroughBoth(query, article, limit, walkedPerHit: walkedPerHit);
        Assert.Equal((limit, false), (paged.TotalHits, paged.TotalIsExact));
        Assert.Equal(seeds.Sqlite.Search.Search(new SearchRequest(query, Article: article, CountAll: true)).TotalHits, paged.Sqlite.Count);
        Assert.Equal(Sorted(paged.Sqlite), Sorted(paged.Postgres));
    }

    /// <summary>
    /// A term of one lexeme is not counted on PostgreSQL when one of its lexemes alone is in more
    /// sections than the limit (migration 006's counts): with the limit at its number of hits it is
    /// still counted exactly, one below and it is not, on both providers, whichever the order.
    /// </summary>
    [PostgresTheory]
    [InlineData("新", SearchSort.Relevance)]        // one character: the words and labels forms
    [InlineData("新", SearchSort.Newest)]
    [InlineData("创新", SearchSort.Relevance)]      // two: the pairs forms
    [InlineData("六小龙", SearchSort.Relevance)]    // three: the triples forms (migration 007)
    [InlineData("六小龍", SearchSort.Newest)]
    [InlineData("deepseek", SearchSort.Relevance)]  // a Latin word, also a label (a tag's name)
    [InlineData("deepseek", SearchSort.Newest)]
    [InlineData("xin", SearchSort.Relevance)]       // pinyin, one syllable: the pinyin form (migration 011)
    [InlineData("chuangxin", SearchSort.Relevance)] // two syllables: the pinyin pairs form
    [InlineData("chuangxin", SearchSort.Newest)]
    [InlineData("liuxiaolong", SearchSort.Relevance)] // three: the pinyin triples form
    public void AtTheLimitOneLexemeIsCountedExactlyAndBelowItNot(string query, SearchSort sort)
    {
        var hits = seeds.Sqlite.Search.Search(new SearchRequest(query, CountAll: true)).TotalHits;
        Assert.True(hits > 2, $"{query}: {hits} hits");
        foreach (var limit in new[] { hits, hits - 1 })
        {
            var paged = PageThroughBoth(query, null, limit, sort);
            Assert.Equal((limit, limit == hits, hits), (paged.TotalHits, paged.TotalIsExact, paged.Sqlite.Count));
            // In order where the order is the rules' (equally matching headings past the limit may differ: BM25 and
            // ts_rank); past the limit, heading matches first on both (the rules' scores in the same order).
            if (sort == SearchSort.Newest || limit == hits)
                Assert.Equal(paged.Sqlite, paged.Postgres);
            else
            {
                Assert.Equal(Sorted(paged.Sqlite), Sorted(paged.Postgres));
                Assert.Equal(paged.SqliteScores, paged.PostgresScores);
            }
        }
    }

    /// <summary>One search's pages on both providers: the count, and each provider's hits page after page.</summary>
    sealed record Paged(int TotalHits, bool TotalIsExact, List<string> Sqlite, List<string> Postgres, List<double> SqliteScores, List<double> PostgresScores);

    /// <summary>Every page of one search on both providers, their counts and next links compared page by page.</summary>
    Paged PageThroughBoth(string query, string? article, int limit, SearchSort sort = SearchSort.Relevance,
        int walkedPerHit = PostgresSearch.DefaultWalkedPerHit)
    {
        const int pageSize = 2;
        var sqlite = new SearchStore(seeds.Sqlite.Database, exactUpTo: limit);
        var pg = new PostgresSearch(seeds.Postgres(postgres.Cluster), exactUpTo: limit, walkedPerHit);

        List<string> all = [], allPg = [];
        List<double> scores = [], scoresPg = [];
        var first = (TotalHits: 0, TotalIsExact: false);
        for (var page = 1; page <= 30; page++)
        {
            var request = new SearchRequest(query, Article: article, Sort: sort, Page: page, PageSize: pageSize);
            var a = sqlite.Search(request);
            var b = pg.Find(request);
            Assert.Equal((a.TotalHits, a.TotalIsExact, a.HasNext), (b.TotalHits, b.TotalIsExact, b.HasNext));
            if (page == 1) first = (a.TotalHits, a.TotalIsExact);
            all.AddRange(a.Hits.Select(h => h.Section.StableId));
            allPg.AddRange(StableIds(b.SectionIds));
            scores.AddRange(a.Hits.Select(h => h.Score));
            scoresPg.AddRange(b.Ranks ?? []);
            if (!a.HasNext) break;
        }
        return new Paged(first.TotalHits, first.TotalIsExact, all, allPg, scores, scoresPg);
    }

    List<string> StableIds(IReadOnlyList<long> ids)
    {
        using var connection = seeds.Postgres(postgres.Cluster).OpenConnection();
        var byId = connection.Query<(long Id, string StableId)>("SELECT id, stable_id FROM sections WHERE id = ANY(@ids)", new { ids = ids.ToArray() })
            .ToDictionary(r => r.Id, r => r.StableId);
        return ids.Select(id => byId[id]).ToList();
    }

    static List<string> Sorted(IEnumerable<string> ids) => ids.Order(StringComparer.Ordinal).ToList();
}

/// <summary>
/// Past the limit, a tier lists its heading matches first only while they are within the limit, on
/// both providers. PostgreSQL counts them from search_headings alone while no tier above has a hit;
/// here one 杭州 section also holds the Latin word Hangzhou, so it is in the first tier of "hangzhou",
/// and its heading must not be counted in the second.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSearchTierTests(PostgresFixture postgres) : IDisposable
{
    readonly SmallArchive archive = new();

    public void Dispose() => archive.Dispose();

    const string Story = """
        導語沒有說那個城市。
        杭州
        杭州又稱Hangzhou。
        杭州
        第一段落。
        杭州
        第二段落。
        杭州
        第三段落。
        """;

    [PostgresFact]
    public void PastTheLimitEachTierListsItsHeadingsAsSqliteDoes()
    {
        Assert.True(archive.Import(archive.Write("story.txt", Story)).Succeeded);
        using var sqlite = ArchiveDatabase.Open(archive.DatabasePath, SearchSqlFunctions.Register);
        using var pg = PostgresArchive.Open(postgres.Cluster.CreateDatabase());
        ArchiveCopy.Copy(sqlite, pg);
        using var connection = pg.OpenConnection();
        var stableIds = connection.Query<(long, string)>("SELECT id, stable_id FROM sections").ToDictionary();

        var hits = new SearchStore(sqlite).Search(new SearchRequest("hangzhou", CountAll: true)).TotalHits;
        Assert.Equal(4, hits);
        for (var limit = 1; limit < hits; limit++)
        {
            var request = new SearchRequest("hangzhou", PageSize: SearchStore.MaxPageSize);
            var a = new SearchStore(sqlite, exactUpTo: limit).Search(request);
            var b = new PostgresSearch(pg, exactUpTo: limit).Find(request);
            Assert.Equal((a.TotalHits, a.TotalIsExact), (b.TotalHits, b.TotalIsExact));
            Assert.Equal(a.Hits.Select(h => h.Section.StableId), b.SectionIds.Select(id => stableIds[id]));
            Assert.Equal(a.Hits.Select(h => h.Score), b.Ranks!);
        }
    }
}
