using Dapper;
using System.Data.Common;
using PolicyNews.Archive.Store;
using PolicyNews.Archive.Text;

namespace PolicyNews.Archive.Import;

/// <summary>
/// Writes one prepared article inside the import transaction. A rewrite keeps the row ids of
/// sections and paragraphs whose stable ids survive, so links, anchors and anything keyed on them
/// elsewhere stay valid; rows whose stable ids vanished are deleted.
/// </summary>
internal sealed class ArticleWriter(DbConnection connection, DbTransaction transaction)
{
    readonly ArchiveSql sql = ArchiveSql.For(connection);

    /// <summary>The source file and article rows as they stand, by file name (<see cref="LoadStoredFiles"/>; a read outside the write uses it too).</summary>
    public const string StoredFilesSql = """
        SELECT f.id, f.file_name AS FileName, f.sha256, a.id AS ArticleId, a.slug
        FROM source_files f LEFT JOIN articles a ON a.source_file_id = f.id
        """;

    /// <summary>The source file and article rows as they stand before this run, by file name.</summary>
    public Dictionary<string, StoredFile> LoadStoredFiles() => connection.Query<StoredFile>(StoredFilesSql, transaction: transaction)
        .ToDictionary(f => f.FileName, StringComparer.Ordinal);

    /// <summary>Only articles.json changed: update the columns it owns, and only if they differ (so no write otherwise).</summary>
    public bool UpdateMetadata(long articleId, ArticleMetadata meta) => connection.Execute("""
        UPDATE articles
        SET title = @Title, title_derived = 0, source = @Source, published = @Published,
            author = COALESCE(CAST(@Author AS text), author), editor = COALESCE(CAST(@Editor AS text), editor), url = @Url, script = @Script, type = @Type
        WHERE id = @articleId
          AND (title IS DISTINCT FROM @Title OR title_derived <> 0 OR source IS DISTINCT FROM @Source
               OR published IS DISTINCT FROM @Published
               OR (CAST(@Author AS text) IS NOT NULL AND author IS DISTINCT FROM @Author)
               OR (CAST(@Editor AS text) IS NOT NULL AND editor IS DISTINCT FROM @Editor)
               OR url IS DISTINCT FROM @Url OR script IS DISTINCT FROM @Script OR type IS DISTINCT FROM @Type)
        """, new { articleId, meta.Title, meta.Source, meta.Published, meta.Author, meta.Editor, meta.Url, meta.Script, meta.Type },
        transaction) > 0;

    public (long ArticleId, ParagraphChanges Paragraphs) Write(PreparedArticle prepared, StoredFile? stored, string importedAt)
    {
        // A new article has no rows yet: nothing to look up, park, delete or retire (on PostgreSQL
        // each statement is a round trip, and most of an import's articles are new).
        var isNew = stored?.ArticleId is null;
        var oldPaths = isNew ? [] : LivePaths(stored!.ArticleId!.Value);
        var fileId = WriteSourceFile(prepared, stored?.Id, importedAt);
        var articleId = WriteArticle(prepared.Fields, fileId, stored?.ArticleId);
        var article = new StableIdClaims(connection, transaction).Settle(prepared, articleId, isNew);
        var sectionIds = WriteSections(article, articleId, isNew);
        var (changes, paragraphIds) = WriteParagraphs(article, articleId, sectionIds, isNew);

        // Sections go last: deleting one cascades to its paragraphs, and a paragraph whose section
        // was renamed must first have moved to its new section.
        if (!isNew)
            connection.Execute($"DELETE FROM sections WHERE article_id = @articleId AND {sql.NotIn("stable_id", "keep")}",
                new { articleId, keep = article.Sections.Select(s => s.StableId).ToArray() }, transaction);

        WriteMarks(MarkTables.Paragraphs, articleId, isNew,
            article.Sections.SelectMany(s => s.Blocks).Select(b => (paragraphIds[b.StableId], b.Block.Marks)));
        WriteMarks(MarkTables.Headings, articleId, isNew, article.Sections.Select(s => (sectionIds[s.StableId], s.HeadingMarks)));
        if (!isNew)
            RetirePaths(article, articleId, oldPaths);
        return (articleId, changes);
    }

    long WriteSourceFile(PreparedArticle article, long? id, string importedAt)
    {
        var row = new { id, article.File.FileName, article.File.Sha256, Bytes = article.File.Bytes.LongLength, article.Encoding, importedAt };
        if (id is not null)
        {
            connection.Execute("""
                UPDATE source_files SET sha256 = @Sha256, bytes = @Bytes, encoding = @Encoding, imported_at = @importedAt
                WHERE id = @id
                """, row, transaction);
            return id.Value;
        }
        return connection.ExecuteScalar<long>("""
            INSERT INTO source_files (file_name, sha256, bytes, encoding, imported_at)
            VALUES (@FileName, @Sha256, @Bytes, @Encoding, @importedAt)
            RETURNING id
            """, row, transaction);
    }

    long WriteArticle(ArticleFields f, long fileId, long? id)
    {
        var row = new
        {
            // An integer column on both providers; PostgreSQL will not take a boolean for it.
            id, fileId, f.Slug, f.Title, TitleDerived = f.TitleDerived ? 1 : 0, f.Source, f.Published, f.Author, f.AuthorNote, f.Editor, f.Url,
            f.Script, f.Summary, f.Type,
        };
        if (id is not null)
        {
            connection.Execute("""
                UPDATE articles
                SET slug = @Slug, title = @Title, title_derived = @TitleDerived, source = @Source, published = @Published,
                    author = @Author, author_note = @AuthorNote, editor = @Editor, url = @Url, script = @Script, summary = @Summary,
                    type = @Type
                WHERE id = @id
                """, row, transaction);
            return id.Value;
        }
        return connection.ExecuteScalar<long>("""
            INSERT INTO articles (source_file_id, slug, title, title_derived, source, published, author, author_note,
                                  editor, url, script, summary, type)
            VALUES (@fileId, @Slug, @Title, @TitleDerived, @Source, @Published, @Author, @AuthorNote,
                    @Editor, @Url, @Script, @Summary, @Type)
            RETURNING id
            """, row, transaction);
    }

    /// <summary>Updates kept sections in place, inserts new ones (in one statement); returns row ids by stable id.</summary>
    Dictionary<string, long> WriteSections(PreparedArticle article, long articleId, bool isNew)
    {
        var ids = new Dictionary<string, long>();
        if (!isNew)
        {
            var existing = connection.Query<(long Id, string StableId)>(
                    "SELECT id, stable_id FROM sections WHERE article_id = @articleId", new { articleId }, transaction)
                .ToDictionary(s => s.StableId, s => s.Id);

            // Park the old rows on ordinals and slugs no new row can have, so reordering never trips
            // UNIQUE (article_id, ordinal) or UNIQUE (article_id, slug) halfway through.
            connection.Execute("UPDATE sections SET ordinal = -1 - ordinal, slug = '~' || stable_id WHERE article_id = @articleId",
                new { articleId }, transaction);
            foreach (var s in article.Sections.Where(s => existing.ContainsKey(s.StableId)))
            {
                var id = existing[s.StableId];
                connection.Execute("UPDATE sections SET ordinal = @Ordinal, heading = @Heading, slug = @Slug WHERE id = @id",
                    new { id, s.Ordinal, s.Heading, s.Slug }, transaction);
                ids[s.StableId] = id;
            }
        }

        var added = article.Sections.Where(s => !ids.ContainsKey(s.StableId))
            .Select(s => new { ArticleId = articleId, s.Ordinal, s.Heading, s.StableId, s.Slug }).ToList();
        if (added.Count > 0)
            foreach (var (id, stableId) in connection.Query<(long, string)>(
                         sql.InsertJsonRows("sections", "rows", [("article_id", "bigint"), ("ordinal", "integer"), ("heading", "text"),
                                                                 ("stable_id", "text"), ("slug", "text")]) + " RETURNING id, stable_id",
                         new { rows = ArchiveSql.JsonRowsValue(added) }, transaction))
                ids[stableId] = id;
        return ids;
    }

    /// <summary>Updates kept paragraphs in place, inserts new ones (in one statement), deletes vanished ones; returns row ids by stable id.</summary>
    (ParagraphChanges Changes, Dictionary<string, long> Ids) WriteParagraphs(PreparedArticle article, long articleId,
        Dictionary<string, long> sectionIds, bool isNew)
    {
        var existing = isNew ? [] : connection.Query<(long Id, string StableId)>("""
                SELECT p.id, p.stable_id FROM paragraphs p JOIN sections s ON s.id = p.section_id
                WHERE s.article_id = @articleId
                """, new { articleId }, transaction)
            .ToDictionary(p => p.StableId, p => p.Id);

        // Same parking trick as sections: -id is unique and never a real ordinal.
        if (!isNew)
            connection.Execute("""
                UPDATE paragraphs SET ordinal = -id
                WHERE section_id IN (SELECT id FROM sections WHERE article_id = @articleId)
                """, new { articleId }, transaction);

        var rows = article.Sections.SelectMany(section => section.Blocks.Select((b, ordinal) => new
        {
            SectionId = sectionIds[section.StableId], Ordinal = ordinal, b.StableId, b.Block.Text, b.Block.ItemNumber,
            Kind = EnumWords.Of(b.Block.Kind),
        })).ToList();
        var ids = new Dictionary<string, long>();
        foreach (var row in rows.Where(r => existing.ContainsKey(r.StableId)))
        {
            var id = existing[row.StableId];
            connection.Execute("""
                UPDATE paragraphs SET section_id = @SectionId, ordinal = @Ordinal, kind = @Kind,
                                      item_number = @ItemNumber, text = @Text
                WHERE id = @id
                """, new { id, row.SectionId, row.Ordinal, row.Kind, row.ItemNumber, row.Text }, transaction);
            ids[row.StableId] = id;
        }
        var kept = ids.Count;

        var added = rows.Where(r => !existing.ContainsKey(r.StableId)).ToList();
        if (added.Count > 0)
            foreach (var (id, stableId) in connection.Query<(long, string)>(
                         sql.InsertJsonRows("paragraphs", "rows", [("section_id", "bigint"), ("ordinal", "integer"), ("kind", "text"),
                                                                   ("item_number", "integer"), ("stable_id", "text"), ("text", "text")]) + " RETURNING id, stable_id",
                         new { rows = ArchiveSql.JsonRowsValue(added) }, transaction))
                ids[stableId] = id;

        var vanished = existing.Where(p => !ids.ContainsKey(p.Key)).Select(p => p.Value).ToList();
        if (vanished.Count > 0)
            connection.Execute($"DELETE FROM paragraphs WHERE {sql.In("id", "vanished")}", new { vanished = vanished.ToArray() }, transaction);
        return (new ParagraphChanges(kept, added.Count, vanished.Count), ids);
    }

    /// <summary>The article's page and section paths as stored, with the section each shows (before the rewrite).</summary>
    List<LivePath> LivePaths(long articleId) => connection.Query<LivePath>("""
            SELECT a.slug AS ArticleSlug, '' AS SectionSlug, CAST(NULL AS text) AS StableId, CAST(NULL AS text) AS Heading
            FROM articles a WHERE a.id = @articleId
            UNION ALL
            SELECT a.slug, s.slug, s.stable_id, s.heading FROM sections s JOIN articles a ON a.id = s.article_id WHERE a.id = @articleId
            """, new { articleId }, transaction).AsList();

    /// <summary>
    /// Paths and section ids this rewrite changed are remembered (retired_paths, retired_section_ids),
    /// pointing at the section they showed — the same section if its id survived, else the one with
    /// the same heading (an article rename changes every section id) — or at the article, so links
    /// shared before keep working. A path or id that is live again is taken out: the live page wins.
    /// </summary>
    void RetirePaths(PreparedArticle article, long articleId, List<LivePath> oldPaths)
    {
        // The paths as they are now: what this rewrite just wrote.
        var now = article.Sections
            .Select(s => new LivePath { ArticleSlug = article.Fields.Slug, SectionSlug = s.Slug, StableId = s.StableId, Heading = s.Heading })
            .Prepend(new LivePath { ArticleSlug = article.Fields.Slug })
            .ToList();
        var live = now.Select(p => (p.ArticleSlug, p.SectionSlug)).ToHashSet();
        var liveIds = now.Where(p => p.StableId is not null).Select(p => p.StableId!).ToHashSet();
        string? Successor(LivePath old) =>
            old.StableId is null ? null
            : liveIds.Contains(old.StableId) ? old.StableId
            : now.FirstOrDefault(p => p.StableId is not null && p.Heading == old.Heading && (p.Heading is not null || p.SectionSlug == old.SectionSlug))?.StableId;

        foreach (var old in oldPaths.Where(p => !live.Contains((p.ArticleSlug, p.SectionSlug))))
            connection.Execute("""
                INSERT INTO retired_paths (article_slug, section_slug, article_id, section_stable_id)
                VALUES (@ArticleSlug, @SectionSlug, @articleId, @successor)
                ON CONFLICT (article_slug, section_slug) DO UPDATE
                SET article_id = excluded.article_id, section_stable_id = excluded.section_stable_id
                """, new { old.ArticleSlug, old.SectionSlug, articleId, successor = Successor(old) }, transaction);
        foreach (var old in oldPaths.Where(p => p.StableId is not null && !liveIds.Contains(p.StableId)))
            connection.Execute("""
                INSERT INTO retired_section_ids (stable_id, article_id, section_stable_id)
                VALUES (@StableId, @articleId, @successor)
                ON CONFLICT (stable_id) DO UPDATE
                SET article_id = excluded.article_id, section_stable_id = excluded.section_stable_id
                """, new { old.StableId, articleId, successor = Successor(old) }, transaction);

        connection.Execute($"DELETE FROM retired_paths WHERE article_slug = @slug AND {sql.In("section_slug", "sectionSlugs")}",
            new { slug = article.Fields.Slug, sectionSlugs = now.Select(p => p.SectionSlug).ToArray() }, transaction);
        connection.Execute($"DELETE FROM retired_section_ids WHERE {sql.In("stable_id", "liveIds")}", new { liveIds = liveIds.ToArray() }, transaction);
    }

    /// <summary>Properties, not a constructor: SQLite types a NULL column as BLOB, which no constructor matches.</summary>
    sealed class LivePath
    {
        public string ArticleSlug { get; set; } = "";
        public string SectionSlug { get; set; } = "";
        public string? StableId { get; set; }
        public string? Heading { get; set; }
    }

    /// <summary>
    /// Marks have no identity of their own: those of the article's paragraphs (or headings) are
    /// replaced wholesale, each table's in one INSERT.
    /// </summary>
    void WriteMarks(MarkTables tables, long articleId, bool isNew, IEnumerable<(long OwnerId, TextMarks Marks)> owners)
    {
        if (!isNew)
        {
            var ofArticle = tables.OwnedIn("s.article_id = @articleId");
            connection.Execute($"DELETE FROM {tables.Annotations} WHERE {ofArticle}", new { articleId }, transaction);
            connection.Execute($"DELETE FROM {tables.Repairs} WHERE {ofArticle}", new { articleId }, transaction);
        }

        var marks = owners.ToList();
        var annotations = marks.SelectMany(m => m.Marks.Annotations.Select(a => new { m.OwnerId, a.Offset, a.Character, a.Reading })).ToList();
        if (annotations.Count > 0)
            connection.Execute(sql.InsertJsonRows(tables.Annotations, "rows",
                    [("owner_id", "bigint"), ("offset", "integer"), ("character", "text"), ("reading", "text")],
                    $"{tables.OwnerColumn}, \"offset\", character, reading"),
                new { rows = ArchiveSql.JsonRowsValue(annotations) }, transaction);
        var repairs = marks.SelectMany(m => m.Marks.Repairs.Select(r => new
        {
            m.OwnerId, r.Offset, r.Length, r.Original, r.Replacement, Confidence = EnumWords.Of(r.Confidence), r.LostBytes, r.Note,
        })).ToList();
        if (repairs.Count > 0)
            connection.Execute(sql.InsertJsonRows(tables.Repairs, "rows",
                    [("owner_id", "bigint"), ("offset", "integer"), ("length", "integer"), ("original", "text"), ("replacement", "text"),
                     ("confidence", "text"), ("lost_bytes", "integer"), ("note", "text")],
                    $"{tables.OwnerColumn}, \"offset\", length, original, replacement, confidence, lost_bytes, note"),
                new { rows = ArchiveSql.JsonRowsValue(repairs) }, transaction);
    }
}

/// <summary>A source file already in the database and the article made from it.</summary>
internal sealed class StoredFile
{
    public long Id { get; set; }
    public string FileName { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public long? ArticleId { get; set; }
    public string? Slug { get; set; }
}
