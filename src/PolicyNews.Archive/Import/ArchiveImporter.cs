using System.Security.Cryptography;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PolicyNews.Archive.Search;
using PolicyNews.Archive.Store;
using PolicyNews.Archive.Text;

namespace PolicyNews.Archive.Import;

/// <summary>
/// Runs source files through the pipeline and writes them in one transaction. The run is all or
/// nothing: every file is read and checked first, and any problem means nothing is written — and a
/// database this run created is removed again, so a failed run leaves the disk as it found it.
/// </summary>
public sealed class ArchiveImporter(IArticlePipeline pipeline, ISlugger? slugger = null, TimeProvider? clock = null, ILogger? logger = null)
{
    readonly ISlugger slugger = slugger ?? new PinyinSlugger();
    readonly TimeProvider clock = clock ?? TimeProvider.System;
    readonly ILogger logger = logger ?? NullLogger.Instance;

    public ImportResult Import(ImportRequest request)
    {
        // 1. Read every file before touching the database: a missing or binary file fails fast.
        var (sources, problems) = ReadSources(request.Files);
        if (problems.Count > 0)
            return ImportResult.Failed(problems);

        // 2. Open (or create) the database.
        var created = NewDatabaseFiles.Before(request.DatabasePath);
        ArchiveDatabase database;
        try
        {
            database = ArchiveDatabase.Open(request.DatabasePath, SearchSqlFunctions.Register, logger);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SqliteException or StoreException or NotSupportedException or ArgumentException)
        {
            created.Remove();
            return ImportResult.Failed([new ImportProblem(request.DatabasePath, $"cannot open or create the database: {Describe(ex)}")]);
        }

        ImportResult result;
        using (database)
        {
            try
            {
                result = Write(database, sources, request);
            }
            catch (Exception ex) when (ex is SqliteException or IOException or InvalidOperationException)
            {
                result = ImportResult.Failed([new ImportProblem(request.DatabasePath, $"cannot write the database: {Describe(ex)}")]);
            }
        }
        if (!result.Succeeded)
            created.Remove();
        return result;
    }

    ImportResult Write(ArchiveDatabase database, List<SourceFile> sources, ImportRequest request)
    {
        using var connection = database.OpenConnection();
        // BEGIN IMMEDIATE: take the write lock now, so the run cannot fail half-way on SQLITE_BUSY.
        using var tx = connection.BeginTransaction(deferred: false);
        // total_changes() counts for the connection's whole life, and a pooled connection may
        // already have run the migrations: this run's rows are the difference.
        var changesBefore = TotalChanges(connection, tx);
        var articles = new ArticleWriter(connection, tx);
        var stored = articles.LoadStoredFiles();

        // 3. Decide per file: unchanged (same bytes, same slug) or cleaned by the pipeline.
        var problems = new List<ImportProblem>();
        var warnings = new List<string>();
        var outcomes = new List<FileOutcome>();
        var prepared = new List<PreparedArticle>();
        foreach (var source in sources)
        {
            var meta = request.Metadata?.GetValueOrDefault(source.FileName);
            var slug = meta?.Slug ?? Slugs.FromFileName(source.FileName);
            var old = stored.GetValueOrDefault(source.FileName);
            if (old is { ArticleId: { } articleId } && old.Sha256 == source.Sha256 && old.Slug == slug)
            {
                var updated = meta is not null && articles.UpdateMetadata(articleId, meta);
                outcomes.Add(new FileOutcome(source.FileName, updated ? FileStatus.MetadataUpdated : FileStatus.Unchanged,
                    slug, null, DocumentCounts.Zero, null));
                continue;
            }
            try
            {
                var cleaned = pipeline.Clean(source.Bytes, source.FileName);
                var article = PreparedArticle.Create(source, cleaned, meta, slugger);
                if (article.Sections.Sum(s => s.Blocks.Count) == 0)
                    problems.Add(new ImportProblem(source.Path, "no text left after cleaning"));
                else
                    prepared.Add(article);
            }
            catch (SourceRejectedException ex)
            {
                problems.Add(new ImportProblem(source.Path, ex.Reason));
            }
            catch (Exception ex)
            {
                // A pipeline bug is still this file's problem; report it and write nothing.
                problems.Add(new ImportProblem(source.Path, $"the text pipeline failed: {Describe(ex)}"));
            }
        }

        // Two files may not claim one slug, in this run or against articles already stored (files
        // rewritten in this run give up their old slugs).
        var rewritten = prepared.Select(p => p.File.FileName).ToHashSet();
        var owners = stored.Values.Where(f => f.Slug is not null && !rewritten.Contains(f.FileName))
            .ToDictionary(f => f.Slug!, f => f.FileName);
        foreach (var article in prepared)
            if (!owners.TryAdd(article.Fields.Slug, article.File.FileName))
                problems.Add(new ImportProblem(article.File.Path, $"slug '{article.Fields.Slug}' already belongs to {owners[article.Fields.Slug]}"));

        if (problems.Count > 0)
            return ImportResult.Failed(problems);   // tx is disposed without commit: rolled back

        // 4. Write: taxonomy first, then articles, then the section tags that depend on both.
        var tags = new TagWriter(connection, tx);
        var tagsChanged = request.Tags is null ? 0 : tags.Sync(request.Tags);
        var importedAt = clock.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ");
        var written = new List<long>();
        foreach (var article in prepared)
        {
            var old = stored.GetValueOrDefault(article.File.FileName);
            var (articleId, paragraphs) = articles.Write(article, old, importedAt);
            written.Add(articleId);
            warnings.AddRange(article.Warnings);
            outcomes.Add(new FileOutcome(article.File.FileName, old?.ArticleId is null ? FileStatus.Added : FileStatus.Replaced,
                article.Fields.Slug, article.Encoding, article.Counts, paragraphs));
            logger.LogInformation("import: {File} → {Slug}", article.File.FileName, article.Fields.Slug);
        }
        // A changed taxonomy can retag any section; otherwise only rewritten articles need it.
        var (linksAdded, linksRemoved) = tags.Link(tagsChanged > 0 ? null : written);
        // The search index follows the text in the same transaction (tags are not indexed).
        new SearchIndexWriter(connection, tx).Refresh(written);

        var rowsChanged = TotalChanges(connection, tx) - changesBefore;
        // A run that wrote something starts a new generation (migration 007): the web host's cached
        // pages and validators follow it. A run with nothing new leaves the file untouched.
        if (rowsChanged > 0)
            connection.Execute("UPDATE import_generation SET generation = generation + 1, changed_at = @importedAt WHERE id = 1",
                new { importedAt }, tx);
        tx.Commit();

        var order = sources.Select((s, i) => (s.FileName, i)).ToDictionary(x => x.FileName, x => x.i);
        return new ImportResult(outcomes.OrderBy(o => order[o.FileName]).ToList(), warnings, [],
            tagsChanged, linksAdded, linksRemoved, rowsChanged);
    }

    static long TotalChanges(SqliteConnection connection, SqliteTransaction tx) =>
        connection.ExecuteScalar<long>("SELECT total_changes()", transaction: tx);

    static (List<SourceFile> Sources, List<ImportProblem> Problems) ReadSources(IReadOnlyList<string> files)
    {
        var sources = new List<SourceFile>();
        var problems = new List<ImportProblem>();
        if (files.Count == 0)
            problems.Add(new ImportProblem("(input)", "no source files given"));

        foreach (var group in files.GroupBy(Path.GetFileName, StringComparer.Ordinal).Where(g => g.Count() > 1))
            problems.Add(new ImportProblem(group.Key!, $"the same file name is given twice ({string.Join(", ", group)}); file names identify articles"));

        foreach (var path in files)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                problems.Add(new ImportProblem(path, "no such file"));
                continue;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problems.Add(new ImportProblem(path, $"cannot read: {ex.Message}"));
                continue;
            }
            if (SourceFileCheck.Reject(bytes) is { } reason)
            {
                problems.Add(new ImportProblem(path, reason));
                continue;
            }
            sources.Add(new SourceFile(path, Path.GetFileName(path), bytes, Convert.ToHexStringLower(SHA256.HashData(bytes))));
        }
        return (sources, problems);
    }

    static string Describe(Exception ex) => ex switch
    {
        StoreException { InnerException: { } inner } store => $"{store.Message} ({Describe(inner)})",
        SqliteException sqlite => sqlite.Message.Replace("SQLite Error ", "SQLite error "),
        _ => ex.Message,
    };
}
