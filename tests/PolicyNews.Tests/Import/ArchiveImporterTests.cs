using Dapper;
using PolicyNews.Archive.Import;
using PolicyNews.Archive.Search;
using PolicyNews.Archive.Store;
using static PolicyNews.Tests.SmallArchive;

namespace PolicyNews.Tests.Import;

public sealed class ArchiveImporterTests : IDisposable
{
    readonly SmallArchive archive = new();

    public void Dispose() => archive.Dispose();

    List<(long Id, string StableId, string Text)> Paragraphs()
    {
        using var connection = archive.Connect();
        return connection.Query<(long, string, string)>("SELECT id, stable_id, text FROM paragraphs ORDER BY id").ToList();
    }

    [Fact]
    public void OneRunImportsMoreArticlesThanSQLiteTakesParametersInAStatement()
    {
        // SQLite takes at most 32,766 parameters per statement: a list of every article of the run
        // passed as IN @list failed the 33,333-article run of the search benchmark. The taxonomy is
        // already stored, so the run retags only the articles it writes (a changed one retags all).
        Assert.True(archive.Import(archive.Write("story.txt", Story)).Succeeded);
        const int count = 32_800;
        var files = Enumerable.Range(0, count).Select(i => archive.Write($"a{i:00000}.txt", $"杭州推動開源，第{i}篇。\n")).ToArray();

        var result = archive.Import(files, metadata: null, Tags);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(count + 1, archive.Scalar<int>("SELECT COUNT(*) FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE t.slug = 'hangzhou'"));
    }

    [Fact]
    public void ImportWritesArticleSectionsParagraphsAnnotationsAndTags()
    {
        var result = archive.Import(archive.Write("story.txt", Story));

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        var file = Assert.Single(result.Files);
        Assert.Equal(FileStatus.Added, file.Status);
        Assert.Equal(new DocumentCounts(3, 4, 2, 1, 0, 0, 0), result.Totals);

        Assert.Equal(1, archive.Scalar<int>("SELECT COUNT(*) FROM articles"));
        Assert.Equal(3, archive.Scalar<int>("SELECT COUNT(*) FROM sections"));
        Assert.Equal(6, archive.Scalar<int>("SELECT COUNT(*) FROM paragraphs"));
        Assert.Equal(2, archive.Scalar<int>("SELECT COUNT(*) FROM paragraphs WHERE kind = 'item'"));
        Assert.Equal("說", archive.Scalar<string>("SELECT character FROM annotations"));
        Assert.Equal("lead|wei-shen-me-cheng-gong|xia-yi-bu", archive.Scalar<string>("SELECT group_concat(slug, '|') FROM (SELECT slug FROM sections ORDER BY ordinal)"));
        Assert.Equal("杭州的DeepSeek發布了新的大模型，引起關注。", archive.Scalar<string>("SELECT summary FROM articles"));

        // Lead mentions DeepSeek and 杭州; section 1 開源, 人才, 幻方量化; section 2 人才培養, 風險投資.
        Assert.Equal(7, result.TagLinksAdded);
        Assert.Equal("deepseek|hangzhou", archive.Scalar<string>("""
            SELECT group_concat(slug, '|') FROM (SELECT t.slug FROM section_tags st JOIN tags t ON t.id = st.tag_id
            JOIN sections s ON s.id = st.section_id WHERE s.ordinal = 0 ORDER BY t.slug)
            """));
    }

    [Fact]
    public void TextOutsideTheBasicPlaneAndJsonsOwnCharactersArriveAsWritten()
    {
        // Sections and paragraphs travel to the database as one JSON text per article: characters
        // past U+FFFF become surrogate-pair escapes there, quotes and backslashes escapes of their own.
        const string text = "吉野家的「𠮷」與😀，還有\"引號\"、\\反斜線\\和</script>。";
        const string heading = "𠮷野家";
        var result = archive.Import(archive.Write("story.txt", $"導語一句。\n{heading}\n{text}\n"));

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Contains(text, Paragraphs().Select(p => p.Text));
        Assert.Equal(heading, archive.Scalar<string>("SELECT heading FROM sections WHERE ordinal = 1"));
    }

    [Fact]
    public void StableIdsFollowTheDocumentedHashes()
    {
        archive.Import(archive.Write("story.txt", Story));

        Assert.Equal(Slugs.SectionId("deepseek-story", null), archive.Scalar<string>("SELECT stable_id FROM sections WHERE ordinal = 0"));
        Assert.Equal(Slugs.ParagraphId("deepseek-story", "成功在於開源與人才。"),
            archive.Scalar<string>("SELECT stable_id FROM paragraphs WHERE text = '成功在於開源與人才。'"));
        Assert.Matches("^s[0-9a-f]{7}$", archive.Scalar<string>("SELECT stable_id FROM sections WHERE ordinal = 1"));
        Assert.Matches("^p[0-9a-f]{10}$", archive.Scalar<string>("SELECT stable_id FROM paragraphs LIMIT 1"));
    }

    [Fact]
    public void RepeatedParagraphsGetSuffixedStableIds()
    {
        archive.Import(archive.Write("story.txt", "同一句話重複出現了兩次，這是第一次。\n同一句話重複出現了兩次，這是第一次。\n"));

        var ids = Paragraphs().Select(p => p.StableId).ToList();
        Assert.Equal([ids[0], ids[0] + "-2"], ids);
    }

    [Fact]
    public void ReimportingAnUnchangedFileWritesNothing()
    {
        var story = archive.Write("story.txt", Story);
        archive.Import(story);
        var before = TempFolder.HashDatabase(archive.DatabasePath);
        var pipeline = new FakePipeline();

        var again = new ArchiveImporter(pipeline).Import(new ImportRequest(archive.DatabasePath, [story], Metadata, Tags));

        Assert.True(again.Succeeded);
        Assert.Equal(FileStatus.Unchanged, Assert.Single(again.Files).Status);
        Assert.Equal(0, again.RowsChanged);
        Assert.Equal(0, pipeline.Calls);
        Assert.Equal(before, TempFolder.HashDatabase(archive.DatabasePath));
    }

    [Fact]
    public void EditedMetadataOfAnUnchangedFileUpdatesTheArticleRowAndItsIndexOnly()
    {
        var story = archive.Write("story.txt", Story);
        archive.Import(story);
        var meta = new Dictionary<string, ArticleMetadata>(Metadata) { ["story.txt"] = Metadata["story.txt"] with { Title = "新標題" } };

        var result = new ArchiveImporter(new FakePipeline()).Import(new ImportRequest(archive.DatabasePath, [story], meta, Tags));

        Assert.Equal(FileStatus.MetadataUpdated, Assert.Single(result.Files).Status);
        Assert.Equal("新標題", archive.Scalar<string>("SELECT title FROM articles"));
        // No section or paragraph is rewritten; the search index follows the title (indexed as the lead's heading).
        Assert.Equal(1, archive.Scalar<long>("SELECT COUNT(*) FROM search_headings WHERE search_headings MATCH '\"新标 标题\"'"));
        Assert.Equal(0, archive.Scalar<long>("SELECT COUNT(*) FROM search_headings WHERE search_headings MATCH '\"故事\"'"));
    }

    [Fact]
    public void ChangedFileKeepsIdsOfUnchangedParagraphsAndRemovesVanishedOnes()
    {
        var story = archive.Write("story.txt", Story);
        archive.Import(story);
        var before = Paragraphs().ToDictionary(p => p.Text);
        var sectionBefore = archive.Scalar<long>("SELECT id FROM sections WHERE heading = '為什麼成功'");

        // Drop 資金來自幻方量化。, add a new paragraph, and move the list under a renamed heading.
        archive.Write("story.txt", Story.Replace("資金來自幻方量化。", "新增的一段文字，說明變化。").Replace("下一步", "建議"));
        var result = archive.Import(story);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        var file = Assert.Single(result.Files);
        Assert.Equal(FileStatus.Replaced, file.Status);
        Assert.Equal(new ParagraphChanges(Kept: 5, Added: 1, Removed: 1), file.Paragraphs);

        var after = Paragraphs().ToDictionary(p => p.Text);
        foreach (var text in new[] { "成功在於開源與人才。", "加強人才培養。", "完善風險投資。", "這是導語的第二段，說明背景。" })
            Assert.Equal(before[text], after[text]);
        Assert.DoesNotContain("資金來自幻方量化。", after.Keys);
        Assert.Contains("新增的一段文字，說明變化。", after.Keys);

        Assert.Equal(sectionBefore, archive.Scalar<long>("SELECT id FROM sections WHERE heading = '為什麼成功'"));
        Assert.Equal(0, archive.Scalar<int>("SELECT COUNT(*) FROM sections WHERE heading = '下一步'"));
        Assert.Equal(2, archive.Scalar<int>("SELECT COUNT(*) FROM paragraphs p JOIN sections s ON s.id = p.section_id WHERE s.heading = '建議'"));
        // 幻方量化 is no longer mentioned, so its tag link went with the paragraph.
        Assert.Equal(0, archive.Scalar<int>("SELECT COUNT(*) FROM section_tags st JOIN tags t ON t.id = st.tag_id WHERE t.slug = 'high-flyer'"));
        Assert.Equal(1, archive.Scalar<int>("SELECT COUNT(*) FROM source_files"));
    }

    [Fact]
    public void BadSecondFileLeavesTheDatabaseExactlyAsItWas()
    {
        var story = archive.Write("story.txt", Story);
        archive.Import(story);
        var before = TempFolder.HashDatabase(archive.DatabasePath);
        archive.Write("story.txt", Story + "\n新的一段，本應寫入但不會寫入。");

        var result = archive.Import(story, archive.Write("essay.txt", "!reject the decoder found nothing it could read"));

        Assert.False(result.Succeeded);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(archive["essay.txt"], problem.File);
        Assert.Equal("the decoder found nothing it could read", problem.Reason);
        Assert.Equal(before, TempFolder.HashDatabase(archive.DatabasePath));
    }

    [Fact]
    public void FailedFirstImportLeavesNoDatabaseBehind()
    {
        var nested = Path.Combine(archive.Path, "data", "archive.db");

        var result = new ArchiveImporter(new FakePipeline()).Import(new ImportRequest(nested,
            [archive.Write("story.txt", Story), archive.Write("bad.txt", new byte[] { 0xE4, 0xB8 })], Metadata, Tags));

        Assert.Equal("not valid UTF-8", Assert.Single(result.Problems).Reason);
        Assert.False(File.Exists(nested));
        Assert.False(Directory.Exists(Path.Combine(archive.Path, "data")));
    }

    [Fact]
    public void EveryBadFileIsReportedOnceWithItsReason()
    {
        var result = archive.Import(
            archive.Write("empty.txt", ""),
            archive.Write("image.txt", new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }),
            archive.Write("nul.txt", new byte[] { (byte)'a', 0, 0, (byte)'b', 0 }),
            archive["missing.txt"]);

        Assert.Equal(
            ["empty.txt: empty file", "image.txt: binary file (PNG image), not a text article",
             "nul.txt: binary file (contains NUL bytes), not a text article", "missing.txt: no such file"],
            result.Problems.Select(p => $"{Path.GetFileName(p.File)}: {p.Reason}"));
        Assert.False(File.Exists(archive.DatabasePath));
    }

    [Fact]
    public void ArticleWithoutMetadataGetsADerivedTitleAndAWarning()
    {
        var result = archive.Import(archive.Write("untitled.txt", "“這是開頭的第一句。”然後是第二句。\n"));

        Assert.True(result.Succeeded);
        Assert.Equal("untitled", Assert.Single(result.Files).Slug);
        Assert.Contains(result.Warnings, w => w.StartsWith("untitled.txt: no entry in articles.json; title derived from the first sentence"));
        Assert.Equal("這是開頭的第一句", archive.Scalar<string>("SELECT title FROM articles"));
        Assert.Equal(1, archive.Scalar<int>("SELECT title_derived FROM articles"));
    }

    [Fact]
    public void TwoFilesCannotClaimTheSameSlug()
    {
        var meta = new Dictionary<string, ArticleMetadata>
        {
            ["a.txt"] = new("same-slug", "甲"),
        };
        var importer = new ArchiveImporter(new FakePipeline());
        importer.Import(new ImportRequest(archive.DatabasePath, [archive.Write("a.txt", Story)], meta));

        var result = importer.Import(new ImportRequest(archive.DatabasePath, [archive.Write("same-slug.txt", Story)]));

        Assert.Equal("slug 'same-slug' already belongs to a.txt", Assert.Single(result.Problems).Reason);
    }

    [Fact]
    public void ChangedTaxonomyRetagsSectionsOfUnchangedArticles()
    {
        var story = archive.Write("story.txt", Story);
        archive.Import(story);

        var result = new ArchiveImporter(new FakePipeline()).Import(new ImportRequest(archive.DatabasePath, [story], Metadata,
            [.. Tags, new TagDefinition("大模型", "large-models", "topic", [])]));

        Assert.Equal(FileStatus.Unchanged, Assert.Single(result.Files).Status);
        Assert.Equal(1, result.TagsChanged);
        Assert.Equal(1, result.TagLinksAdded);
    }

    [Fact]
    public void TagRowsOfTheFirstMatchingRulesAreRewrittenAndEverySectionRetagged()
    {
        var story = archive.Write("story.txt", Story);
        archive.Import(story);
        using (var connection = archive.Connect())
        {
            // As an archive written before migration 006 looks: no exclusion lists, and a link the
            // first rules made (杭州 inside a longer name) that the current rules would not.
            connection.Execute("UPDATE tags SET excludes = NULL");
            connection.Execute("""
                INSERT INTO section_tags (section_id, tag_id)
                SELECT s.id, t.id FROM sections s, tags t WHERE s.ordinal = 2 AND t.slug = 'hangzhou'
                """);
        }

        var result = archive.Import(story);

        Assert.Equal(FileStatus.Unchanged, Assert.Single(result.Files).Status);
        Assert.Equal(Tags.Count, result.TagsChanged);
        Assert.Equal((0, 1), (result.TagLinksAdded, result.TagLinksRemoved));
        Assert.Equal(0, archive.Scalar<int>("SELECT COUNT(*) FROM tags WHERE excludes IS NULL"));
    }

    [Fact]
    public void AnArticleRewrittenWithoutATaxonomyIsTaggedWithTheStoredExclusions()
    {
        TagDefinition[] tags = [new("兩會", "two-sessions", "topic", ["两会"], ["省兩會"]), new("浙江", "zhejiang", "place", [])];
        var story = archive.Write("story.txt", "全國兩會的報道。\n省裏的事\n2025年浙江省兩會期間提到。\n");
        archive.Import([story], Metadata, tags);

        // Rewritten, and imported with no tags.json: the stored tags, exclusions and all, retag it.
        archive.Write("story.txt", "全國兩會的報道，已修改。\n省裏的事\n2025年浙江省兩會期間提到。\n");
        var result = archive.Import([story], Metadata, tags: null);

        Assert.Equal(FileStatus.Replaced, Assert.Single(result.Files).Status);
        Assert.Equal("0:two-sessions|1:zhejiang", archive.Scalar<string>("""
            SELECT group_concat(link, '|') FROM (SELECT s.ordinal || ':' || t.slug AS link FROM section_tags st
            JOIN tags t ON t.id = st.tag_id JOIN sections s ON s.id = st.section_id ORDER BY link)
            """));
    }

    [Fact]
    public void SeedsImportWithTheirMetadataAndTaxonomy()
    {
        var seeds = Directory.GetFiles(Repository.Seeds, "*.txt").Order().ToList();
        var metadata = ArticleMetadataFile.Load(Path.Combine(Repository.Seeds, "articles.json"));
        var tags = TagTaxonomy.Load(Path.Combine(Repository.Seeds, "tags.json"));

        var result = new ArchiveImporter(new FakePipeline()).Import(new ImportRequest(archive.DatabasePath, seeds, metadata, tags));

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(2, result.Imported);
        Assert.Empty(result.Warnings);
        using var database = ArchiveDatabase.Open(archive.DatabasePath, SearchSqlFunctions.Register);
        var tagged = new TagStore(database).ListTags().Where(t => t.SectionCount > 0).Select(t => t.Slug).ToHashSet();
        foreach (var slug in new[] { "yang-xueming", "fang-xiaohong", "li-fengjian", "mei-tao", "li-guojie", "liang-wenfeng",
                     "deepseek", "high-flyer", "openai", "westlake-university", "hangzhou", "zhejiang", "united-states",
                     "artificial-intelligence", "open-source", "sci-tech-innovation", "venture-capital", "two-sessions",
                     "andrej-karpathy", "marc-andreessen", "yann-lecun", "china-science-daily", "chinese-academy-of-engineering" })
            Assert.Contains(slug, tagged);
    }
}
