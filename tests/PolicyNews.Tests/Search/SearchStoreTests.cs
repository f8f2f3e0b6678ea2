using Dapper;
using PolicyNews.Archive.Chinese;
using PolicyNews.Archive.Search;
using PolicyNews.Archive.Store;
using static PolicyNews.Tests.Search.SeedArchive;

namespace PolicyNews.Tests.Search;

/// <summary>Searches over the two real seeds, imported through the real pipeline.</summary>
public sealed class SearchStoreTests(SeedArchive seeds) : IClassFixture<SeedArchive>
{
    SearchResults Search(string query, string? tag = null, string? article = null, SearchSort sort = SearchSort.Relevance,
        int page = 1, int pageSize = 100) =>
        seeds.Search.Search(new SearchRequest(query, tag, article, sort, page, pageSize));

    static HashSet<string> Sections(SearchResults results) =>
        results.Articles.SelectMany(a => a.Hits.Select(h => $"{a.Article.Slug}/{h.Section.Slug}")).ToHashSet();

    /// <summary>
    /// Query → sections it must find (article/section) and the text every highlighted segment must
    /// fold to. Sections were read off the seeds; "must find" is checked as a subset so a better
    /// pipeline that keeps more text does not break the table, while the highlight check makes sure
    /// each hit really holds the word.
    /// </summary>
    public static TheoryData<string, string[], string> Queries => new()
    {
        { "创新", [$"{Replicated}/lead", $"{Replicated}/liu-xiao-long-wei-he-zai-hang-zhou", $"{Lessons}/dui-wo-guo-ke-ji-chuang-xin-jing", $"{Lessons}/ti-sheng-wo-guo-guo-ji-ke-ji"], "创新" },
        { "創新", [$"{Replicated}/lead", $"{Replicated}/liu-xiao-long-wei-he-zai-hang-zhou", $"{Lessons}/dui-wo-guo-ke-ji-chuang-xin-jing", $"{Lessons}/ti-sheng-wo-guo-guo-ji-ke-ji"], "创新" },
        { "才", [$"{Replicated}/liu-xiao-long-wei-he-zai-hang-zhou", $"{Lessons}/lead", $"{Lessons}/ti-sheng-wo-guo-guo-ji-ke-ji"], "才" },
        { "杭州", [$"{Replicated}/liu-xiao-long-wei-he-zai-hang-zhou", $"{Replicated}/wei-shen-me-deepseek-cheng-gong-le", $"{Lessons}/lead"], "杭州" },
        { "deepseek", [$"{Replicated}/lead", $"{Replicated}/liu-xiao-long-wei-he-zai-hang-zhou", $"{Lessons}/lead", $"{Lessons}/dui-wo-guo-ke-ji-chuang-xin-jing"], "deepseek" },
        { "DeepSeek", [$"{Replicated}/lead", $"{Replicated}/liu-xiao-long-wei-he-zai-hang-zhou", $"{Lessons}/lead", $"{Lessons}/dui-wo-guo-ke-ji-chuang-xin-jing"], "deepseek" },
        { "ＤｅｅｐＳｅｅｋ", [$"{Replicated}/lead", $"{Replicated}/liu-xiao-long-wei-he-zai-hang-zhou", $"{Lessons}/lead", $"{Lessons}/dui-wo-guo-ke-ji-chuang-xin-jing"], "deepseek" },
        { "chuangxin", [$"{Replicated}/lead", $"{Replicated}/liu-xiao-long-wei-he-zai-hang-zhou", $"{Lessons}/dui-wo-guo-ke-ji-chuang-xin-jing", $"{Lessons}/ti-sheng-wo-guo-guo-ji-ke-ji"], "创新" },
        { "hangzhou", [$"{Replicated}/liu-xiao-long-wei-he-zai-hang-zhou", $"{Replicated}/wei-shen-me-deepseek-cheng-gong-le", $"{Lessons}/lead"], "杭州" },
        { "HangZhou", [$"{Replicated}/liu-xiao-long-wei-he-zai-hang-zhou", $"{Replicated}/wei-shen-me-deepseek-cheng-gong-le", $"{Lessons}/lead"], "杭州" },
        // Two syllables in any reading the characters have: 長 is usually zhang, 行 xing, 重 zhong.
        { "changqi", [$"{Replicated}/wei-shen-me-deepseek-cheng-gong-le", $"{Lessons}/deepseek-mo-xing-chuang-xin-jing-sheng-de"], "长期" },
        { "hangye", [$"{Lessons}/lead", $"{Lessons}/dui-wo-guo-ke-ji-chuang-xin-jing", $"{Lessons}/ti-sheng-wo-guo-guo-ji-ke-ji"], "行业" },
        { "chongxin", [$"{Lessons}/lead"], "重新" },
        { "\"DeepSeek式創新\"", [$"{Replicated}/wei-shen-me-deepseek-cheng-gong-le"], "deepseek式创新" },
        { "六小龙", [$"{Replicated}/liu-xiao-long-wei-he-zai-hang-zhou", $"{Replicated}/ru-he-pei-yu-geng-duo-de-deepseek"], "六小龙" },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void QueryFindsTheSectionsThatHoldIt(string query, string[] mustFind, string highlighted)
    {
        var results = Search(query);

        Assert.Equal(SearchQueryStatus.Ready, results.Query.Status);
        Assert.Superset(mustFind.ToHashSet(), Sections(results));
        Assert.Equal(results.TotalHits, results.Hits.Count());
        foreach (var hit in results.Hits)
        {
            // A hit found through its labels (title, author, source, tag names) has its mark there.
            var marked = hit.Snippet.Segments.Concat(hit.Heading).Concat(hit.Labels.SelectMany(l => l.Segments)).Where(s => s.IsMatch).ToList();
            Assert.NotEmpty(marked);
            Assert.All(marked, s => Assert.Equal(highlighted, ScriptConverter.FoldForSearch(s.Text)));
        }
    }

    [Fact]
    public void SimplifiedQueryFindsTraditionalTextAndPinyinFindsTheSameSections()
    {
        var simplified = Sections(Search("创新"));
        Assert.Equal(8, simplified.Count);
        Assert.Equal(simplified, Sections(Search("創新")));
        Assert.Equal(simplified, Sections(Search("chuangxin")));
        Assert.Equal(Sections(Search("杭州")), Sections(Search("hangzhou")));
        Assert.Equal(Sections(Search("杭州")), Sections(Search("hang zhou")));
    }

    [Fact]
    public void LatinNamesMatchInAnyCaseAndWidth()
    {
        var lower = Sections(Search("deepseek"));
        Assert.NotEmpty(lower);
        Assert.Equal(lower, Sections(Search("DEEPSEEK")));
        Assert.Equal(lower, Sections(Search("ＤｅｅｐＳｅｅｋ")));
    }

    [Fact]
    public void SnippetIsOriginalTraditionalTextAroundTheMatchFromTheNamedParagraph()
    {
        var results = Search("创新");
        foreach (var hit in results.Hits)
        {
            var section = seeds.Articles.GetSection(hit.Section.StableId)!;
            var paragraph = Assert.Single(section.Section.Paragraphs, p => p.StableId == hit.ParagraphId);
            Assert.Contains(hit.Snippet.Text, paragraph.Text);
            Assert.InRange(hit.Snippet.Text.Length, 1, SearchHighlighter.SnippetLength + 10);
            Assert.Contains(hit.Snippet.Segments, s => s.IsMatch && s.Text == "創新");
            Assert.Equal(hit.Snippet.CutAtStart, !paragraph.Text.StartsWith(hit.Snippet.Text, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void PhraseNeedsAdjacentWordsWhileSeparateTermsNeedOnlyBoth()
    {
        // In one paragraph, and in the article's title (the lead's heading).
        var phrase = Search("\"DeepSeek式創新\"");
        Assert.Equal(2, phrase.TotalHits);
        Assert.Single(phrase.Hits, h => h.ParagraphId == "pf982c64deb");
        Assert.Single(phrase.Hits, h => h.Section.IsLead && h.Labels.Any(l => l.Kind == "title"));

        var terms = Search("DeepSeek式 創新");
        Assert.Superset(Sections(phrase), Sections(terms));
    }

    [Fact]
    public void TwoCharactersWithPunctuationBetweenThemAreNotAWord()
    {
        // 才 ends "…人才" in one sentence of the seeds and 俊 starts none: "才。俊" must not match 才俊.
        var word = Search("才俊");
        Assert.NotEmpty(word.Hits);
        Assert.All(word.Hits, h => Assert.Contains(h.Snippet.Segments, s => s.IsMatch && s.Text == "才俊"));
    }

    [Fact]
    public void ExclusionRemovesTheArticleThatMentionsTheExcludedWord()
    {
        Assert.Equal(2, Search("创新").Articles.Count);

        var results = Search("创新 -杨学明");

        Assert.Equal([Lessons], results.Articles.Select(a => a.Article.Slug));
        Assert.Equal(["杨学明"], results.Query.Terms.Where(t => t.IsExcluded).Select(t => t.Text));
    }

    [Fact]
    public void OnlyExclusionsGiveAnEmptyResultThatSaysSo()
    {
        var results = Search("-创新 -deepseek");

        Assert.Equal(SearchQueryStatus.OnlyExclusions, results.Query.Status);
        Assert.Equal(0, results.TotalHits);
        Assert.Empty(results.Articles);
    }

    [Fact]
    public void TagFilterKeepsOnlySectionsWithThatTag()
    {
        var results = Search("创新", tag: "six-little-dragons");

        Assert.Equal([$"{Replicated}/liu-xiao-long-wei-he-zai-hang-zhou", $"{Replicated}/ru-he-pei-yu-geng-duo-de-deepseek"], Sections(results).Order());
    }

    [Fact]
    public void ArticleFilterKeepsOnlyThatArticle()
    {
        var results = Search("杭州", article: Lessons);

        Assert.NotEmpty(results.Hits);
        Assert.Equal([Lessons], results.Articles.Select(a => a.Article.Slug));
        Assert.Equal(Search("杭州").Articles.Single(a => a.Article.Slug == Lessons).Hits.Count, results.TotalHits);
    }

    [Theory]
    [InlineData("no-such-tag", null)]
    [InlineData(null, "no-such-article")]
    [InlineData("'; DROP TABLE sections; --", "\"")]
    public void UnknownFiltersFindNothing(string? tag, string? article)
    {
        var results = Search("创新", tag, article);

        Assert.Equal(0, results.TotalHits);
        Assert.Empty(results.Articles);
    }

    [Fact]
    public void HeadingMatchRanksItsSectionFirst()
    {
        // 六小龍 is in the heading “六小龍”為何在杭州扎堆, in the article's title (the lead's heading) and
        // in the body of two sections. Both heading matches come first, in the article's order (the lead first).
        var results = Search("六小龙");

        Assert.Equal(3, results.TotalHits);
        var (lead, headed, body) = (results.Hits.ElementAt(0), results.Hits.ElementAt(1), results.Hits.ElementAt(2));
        Assert.True(lead.Section.IsLead);
        Assert.Contains(Assert.Single(lead.Labels, l => l.Kind == "title").Segments, s => s.IsMatch && s.Text == "六小龍");
        Assert.Equal("“六小龍”為何在杭州扎堆", headed.Section.Heading);
        Assert.Contains(headed.Heading, s => s.IsMatch && s.Text == "六小龍");
        Assert.Equal(lead.Score, headed.Score);
        Assert.True(headed.Score > body.Score);
    }

    [Fact]
    public void NewestSortListsTheNewerArticleFirstWithSectionsInOrder()
    {
        var results = Search("创新", sort: SearchSort.Newest);

        Assert.Equal([Lessons, Replicated], results.Articles.Select(a => a.Article.Slug));
        Assert.All(results.Articles, a => Assert.Equal(a.Hits.Select(h => h.Section.Ordinal).Order(), a.Hits.Select(h => h.Section.Ordinal)));
    }

    [Fact]
    public void PagesAreClampedAndSplitTheHits()
    {
        var all = Search("创新").Hits.Select(h => h.Section.StableId).ToList();

        var first = Search("创新", page: 0, pageSize: 3);
        var second = Search("创新", page: 2, pageSize: 3);
        var beyond = Search("创新", page: int.MaxValue, pageSize: 3);
        var huge = Search("创新", pageSize: 100_000);

        Assert.Equal(1, first.Page);
        Assert.Equal(3, first.PageCount);
        Assert.Equal(all.Take(3), first.Hits.Select(h => h.Section.StableId));
        Assert.Equal(all.Skip(3).Take(3), second.Hits.Select(h => h.Section.StableId));
        Assert.Empty(beyond.Hits);
        Assert.Equal(8, beyond.TotalHits);
        Assert.False(beyond.HasNext);
        Assert.Equal(SearchStore.MaxPageSize, huge.PageSize);
    }

    /// <summary>
    /// Hostile input → what a reader would have typed for the same words: operators, quotes,
    /// punctuation, control characters and broken surrogates are text or nothing, never syntax.
    /// </summary>
    public static TheoryData<string, string> HostileInputs => new()
    {
        { "\"", "" }, { "\"\"", "" }, { "*", "" }, { "**", "" }, { "NEAR(a b)", "near a b" }, { "a OR b", "a or b" },
        { "a AND b", "a and b" }, { "NOT a", "not a" }, { ")(", "" }, { "(", "" }, { "^", "" }, { "^创新", "创新" },
        { "创新*", "创新" }, { "heading:创新", "heading 创新" }, { "{heading}: x", "heading x" }, { "a:b", "a b" },
        { "\0\u0001\u001f\u007f", "" }, { "创\u0000新", "创新" },
        { new string('创', 10_000), new string('创', SearchQuery.MaxLength) },
        { new string('a', 10_000), new string('a', SearchQuery.MaxLength) },
        { "<script>alert(1)</script>", "script alert 1 script" }, { "-", "" }, { "--", "" }, { "- -", "" },
        { "-创新", "-创新" }, { "-\"创新\"", "-创新" }, { "", "" }, { "   ", "" }, { "\u3000", "" }, { "\uD800", "" },
        { "a\uDC00b", "ab" }, { "创\uD83D", "创" }, { "'; DROP TABLE sections; --", "drop table sections" },
        { "\"创新", "创新" }, { "创新\"", "创新" }, { "“创新", "创新" }, { "「杭州", "杭州" }, { "¦", "" }, { "¦¦ 创新", "创新" },
        { "\\", "" }, { "%", "" }, { "_", "" }, { "NEAR", "near" }, { "OR", "or" },
        { string.Join(' ', Enumerable.Repeat("创新", 50)), "创新" },
        { "(杭州)", "杭州" }, { "杭州 NOT 创新", "杭州 not 创新" }, { "创新 -“杭州", "创新 -杭州" },
    };

    [Theory]
    [MemberData(nameof(HostileInputs))]
    public void HostileInputAnswersNormally(string query, string plain)
    {
        // A search writes nothing: the file is unchanged (on PostgreSQL every read is a READ ONLY transaction).
        var archiveBefore = TestProvider.IsPostgres ? "" : TempFolder.HashDatabase(seeds.DatabasePath);

        var results = Search(query);
        var expected = Search(plain);

        Assert.True(results.Query.Text.Length <= SearchQuery.MaxLength);
        Assert.Equal(results.Query.Status == SearchQueryStatus.Ready, results.Query.MatchExpression is not null);
        if (results.Query.Status != SearchQueryStatus.Ready)
            Assert.Equal(0, results.TotalHits);
        Assert.Equal(expected.Query.Status, results.Query.Status);
        Assert.Equal(expected.TotalHits, results.TotalHits);
        Assert.Equal(Sections(expected), Sections(results));
        Assert.Equal(archiveBefore, TestProvider.IsPostgres ? "" : TempFolder.HashDatabase(seeds.DatabasePath));
    }

    [Fact]
    public void ATenThousandCharacterQueryIsCutAndSaysSo()
    {
        var results = Search(new string('创', 10_000));

        Assert.True(results.Query.Truncated);
        Assert.Equal(SearchQuery.MaxLength, results.Query.Text.Length);
    }

    [Fact]
    public void OperatorsTypedAsWordsAreSearchedAsWords()
    {
        // "OR" would otherwise make this match every section holding 杭州 or 创新.
        var results = Search("杭州 OR 创新");

        Assert.Equal(0, results.TotalHits);
        Assert.Equal(["杭州", "OR", "创新"], results.Query.Terms.Select(t => t.Text));
    }
}

/// <summary>
/// Past <see cref="SearchStore.DefaultExactUpTo"/> hits a search stops counting and puts heading
/// matches first (BM25), then the other hits newest imported first; small limits take that path on the seeds.
/// </summary>
public sealed class SearchStoreManyHitsTests(SeedArchive seeds) : IClassFixture<SeedArchive>
{
    SearchResults Search(string query, int exactUpTo, int page = 1, int pageSize = 100, string? tag = null, bool countAll = false) =>
        new SearchStore(seeds.Database, exactUpTo).Search(new SearchRequest(query, tag, null, SearchSort.Relevance, page, pageSize, countAll));

    [Fact]
    public void HeadingMatchesComeFirstThenTheRestMostRecentFirst()
    {
        // Past the limit of 2 with 3 hits; the two heading matches are within it, so they come first.
        var results = Search("六小龙", exactUpTo: 2);

        Assert.False(results.TotalIsExact);
        // The heading and the title (the lead's heading) by BM25: the short heading first; then the body hit.
        Assert.Equal(3, results.Hits.Count());
        Assert.Equal("“六小龍”為何在杭州扎堆", results.Hits.First().Section.Heading);
        Assert.True(results.Hits.ElementAt(1).Section.IsLead);
    }

    [Fact]
    public void PastTheLimitTheTotalIsALowerBoundUnlessEveryHitIsCounted()
    {
        var capped = Search("创新", exactUpTo: 3);
        var counted = Search("创新", exactUpTo: 3, countAll: true);

        Assert.False(capped.TotalIsExact);
        Assert.Equal(3, capped.TotalHits);          // "more than 3"
        Assert.Null(capped.PageCount);
        Assert.True(counted.TotalIsExact);
        Assert.Equal(8, counted.TotalHits);
        Assert.Equal(capped.Hits.Select(h => h.Section.StableId), counted.Hits.Select(h => h.Section.StableId));
    }

    [Fact]
    public void PagesCoverEveryHitOnceAndTheLastPageSaysSo()
    {
        var all = seeds.Search.Search(new SearchRequest("创新", PageSize: 100)).Hits.Select(h => h.Section.StableId).ToHashSet();
        // Three sections have 创新 in their heading: page 2 takes one heading hit and one other.

        var pages = Enumerable.Range(1, 5).Select(p => Search("创新", exactUpTo: 3, p, 2)).ToList();
        var paged = pages.SelectMany(p => p.Hits).Select(h => h.Section.StableId).ToList();

        Assert.Equal(8, paged.Count);
        Assert.Equal(all, paged.ToHashSet());
        Assert.Equal([true, true, true, false, false], pages.Select(p => p.HasNext));
        Assert.Empty(pages[4].Hits);
    }

    [Fact]
    public void HeadingsMatchingPastTheLimitAreNotPutFirst()
    {
        // Limit 2: 创新 is in three headings, so every hit is simply most recently imported first.
        var hits = Search("创新", exactUpTo: 2).Hits.Select(h => h.Section.StableId).ToList();

        using var connection = seeds.Database.OpenConnection();
        var newestFirst = connection.Query<string>("SELECT stable_id FROM sections ORDER BY id DESC").Where(hits.Contains);
        Assert.Equal(8, hits.Count);
        Assert.Equal(newestFirst, hits);
    }

    [Fact]
    public void ExclusionsAndFiltersStillApply()
    {
        Assert.Equal([SeedArchive.Lessons], Search("创新 -杨学明", exactUpTo: 3).Articles.Select(a => a.Article.Slug));
        // 六小龍 is in a heading; the exclusion must still drop that section for a body word.
        Assert.DoesNotContain(Search("六小龙 -西湖大学", exactUpTo: 1).Hits, h => h.Section.Heading == "“六小龍”為何在杭州扎堆");
        Assert.Equal(2, Search("创新", exactUpTo: 1, tag: "six-little-dragons").Hits.Count());
    }
}
