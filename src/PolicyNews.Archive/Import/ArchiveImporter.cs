using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PolicyNews.Archive.Search;
using PolicyNews.Archive.Store;
using PolicyNews.Archive.Text;
using Npgsql;
using SQLitePCL;

namespace PolicyNews.Archive.Import;

/// <summary>
/// Runs source files through the pipeline and writes them in one transaction. The run is all or
/// nothing: every file is read and checked first, and any problem means nothing is written — and a
/// database this run created is removed again, so a failed run leaves the disk as it found it.
/// The text is cleaned before the write transaction begins, so the write lock is held only while
/// writing: readers never wait (WAL), and a second importer waits only for the writing.
/// </summary>
public sealed class ArchiveImporter(IArticlePipeline pipeline, ISlugger? slugger = null, TimeProvider? clock = null, ILogger? logger = null)
{
    /// <summary>How many times a run prepares itself when another writer changed the stored files while it was cleaning.</summary>
    const int Attempts = 3;

    readonly ISlugger slugger = slugger ?? new PinyinSlugger();
    readonly TimeProvider clock = clock ?? TimeProvider.System;
    readonly ILogger logger = logger ?? NullLogger.Instance;

    /// <summary>Told how far each stage is (the importer CLI draws it); null: nobody is told.</summary>
    public IProgress<ImportProgress>? Progress { get; init; }

    public ImportResult Import(ImportRequest request)
    {
        // 1. Read every file before touching the database: a missing or binary file fails fast.
        var (sources, problems) = SourceFileCheck.ReadAll(request.Files);
        if (problems.Count > 0)
            return ImportResult.Failed(problems);

        // 2. Open (or create) the database.
        var created = request.Provider == ArchiveProvider.Sqlite ? NewDatabaseFiles.Before(request.DatabasePath) : NewDatabaseFiles.None;
        ArchiveDatabase database;
        try
        {
            database = request.Provider == ArchiveProvider.Sqlite
                ? ArchiveDatabase.Open(request.DatabasePath, SearchSqlFunctions.Register, logger)
                : ArchiveDatabase.OpenPostgres(request.DatabasePath, logger: logger);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SqliteException or StoreException or NotSupportedException or ArgumentException)
        {
            created.Remove();
            return ImportResult.Failed([new ImportProblem(request.Where, $"cannot open or create the database: {Describe(ex)}")]);
        }

        ImportResult result;
        using (database)
            result = Import(request, sources, database);
        if (!result.Succeeded)
            created.Remove();
        return result;
    }

    /// <summary>
    /// Imports into an archive already open (the web host's first start on an empty archive): the
    /// same run as <see cref="Import(ImportRequest)"/>, minus opening it; the caller keeps it open.
    /// </summary>
    public ImportResult Import(ImportRequest request, ArchiveDatabase database)
    {
        var (sources, problems) = SourceFileCheck.ReadAll(request.Files);
        return problems.Count > 0 ? ImportResult.Failed(problems) : Import(request, sources, database);
    }

    ImportResult Import(ImportRequest request, List<SourceFile> sources, ArchiveDatabase database)
    {
        ImportResult result;
        try
        {
            result = Run(database, sources, request);
        }
        catch (SqliteException ex)
        {
            result = ImportResult.Failed([new ImportProblem(request.Where, DescribeWriteFailure(ex))]);
        }
        catch (PostgresException ex)
        {
            result = ImportResult.Failed([new ImportProblem(request.Where, DescribeWriteFailure(ex))]);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or StoreException or NpgsqlException)
        {
            result = ImportResult.Failed([new ImportProblem(request.Where, $"cannot write the database: {Describe(ex)}")]);
        }
        return result.Succeeded ? Checkpoint(database, result) : result;
    }

    ImportResult Run(ArchiveDatabase database, List<SourceFile> sources, ImportRequest request)
    {
        // The pipeline's output depends only on a file's bytes and metadata: a second attempt reuses it.
        var cleaned = new Dictionary<string, PreparedArticle>(StringComparer.Ordinal);
        for (var attempt = 1; ; attempt++)
        {
            // 3. Decide per file from the stored hashes, read in a snapshot without any lock:
            //    unchanged (same bytes, same slug) or to be cleaned.
            var stored = ReadStoredFiles(database);
            var plan = sources.Select(source => FilePlan.For(source, request, stored)).ToList();

            // 4. Clean, still without a lock: readers and other writers carry on meanwhile.
            var problems = Clean(plan.Where(p => !p.Unchanged), cleaned);
            var prepared = plan.Where(p => !p.Unchanged).Select(p => cleaned.GetValueOrDefault(p.Source.FileName))
                .OfType<PreparedArticle>().ToList();
            problems.AddRange(SlugClashes(prepared, stored));
            if (problems.Count > 0)
                return ImportResult.Failed(problems);

            // 5. Take the write lock (ArchiveDatabase.BeginWrite: SQLite's BEGIN IMMEDIATE, PostgreSQL's
            //    advisory lock; the run cannot fail half-way on a lock, and a second importer waits here,
            //    up to the busy timeout) and make sure the stored files are still those step 3 decided
            //    on. Another importer may have committed in between; then decide again (cleaning only
            //    what is new) rather than write from a stale plan.
            using var write = database.BeginWrite();
            var articles = new ArticleWriter(write.Connection, write.Transaction);
            if (!SameFiles(articles.LoadStoredFiles(), stored))
            {
                write.Transaction.Rollback();
                if (attempt == Attempts)
                    return ImportResult.Failed([new ImportProblem(request.Where,
                        $"another writer changed the archive each of the {Attempts} times this run prepared its files; run it again when the other import has finished")]);
                logger.LogInformation("import: the archive changed while the files were cleaned; deciding again");
                continue;
            }
            var result = Write(write, articles, plan, prepared, stored, request);
            write.Commit();
            return result;
        }
    }

    /// <summary>One source file, and what step 3 decided about it.</summary>
    sealed record FilePlan(SourceFile Source, ArticleMetadata? Meta, string Slug, StoredFile? Old, bool Unchanged)
    {
        public static FilePlan For(SourceFile source, ImportRequest request, Dictionary<string, StoredFile> stored)
        {
            var meta = request.Metadata?.GetValueOrDefault(source.FileName);
            var slug = meta?.Slug ?? Slugs.FromFileName(source.FileName);
            var old = stored.GetValueOrDefault(source.FileName);
            return new FilePlan(source, meta, slug, old, old is { ArticleId: not null } && old.Sha256 == source.Sha256 && old.Slug == slug);
        }
    }

    // On the primary: the plan is checked against the primary inside the write, and a replica's lag would fail that check.
    static Dictionary<string, StoredFile> ReadStoredFiles(ArchiveDatabase database) => database.ReadPrimary("read the stored files", session =>
        session.Query<StoredFile>(ArticleWriter.StoredFilesSql).ToDictionary(f => f.FileName, StringComparer.Ordinal));

    /// <summary>Every decision of steps 3 and 4 (unchanged or not, the old row, who owns which slug) rests on these rows alone.</summary>
    static bool SameFiles(Dictionary<string, StoredFile> now, Dictionary<string, StoredFile> before) =>
        now.Count == before.Count && now.All(f => before.TryGetValue(f.Key, out var b)
            && (b.Id, b.Sha256, b.ArticleId, b.Slug) == (f.Value.Id, f.Value.Sha256, f.Value.ArticleId, f.Value.Slug));

    /// <summary>
    /// Runs the pipeline over every file not cleaned yet, on every core (the pipeline and the slugger
    /// are shared between threads; each file's work is its own). Problems come back in file order.
    /// </summary>
    List<ImportProblem> Clean(IEnumerable<FilePlan> files, Dictionary<string, PreparedArticle> cleaned)
    {
        var todo = files.Where(f => !cleaned.ContainsKey(f.Source.FileName)).ToList();
        var done = 0;
        Progress?.Report(new ImportProgress(ImportStage.Cleaning, 0, todo.Count));
        var outcomes = todo.AsParallel().AsOrdered()
            .Select(file =>
            {
                var outcome = CleanOne(file);
                Progress?.Report(new ImportProgress(ImportStage.Cleaning, Interlocked.Increment(ref done), todo.Count));
                return (file, Outcome: outcome);
            })
            .ToList();
        var problems = new List<ImportProblem>();
        foreach (var (file, outcome) in outcomes)
        {
            if (outcome.Article is { } article)
                cleaned[file.Source.FileName] = article;
            else
                problems.Add(outcome.Problem!);
        }
        return problems;
    }

    (PreparedArticle? Article, ImportProblem? Problem) CleanOne(FilePlan file)
    {
        try
        {
            var document = pipeline.Clean(file.Source.Bytes, file.Source.FileName);
            var article = PreparedArticle.Create(file.Source, document, file.Meta, slugger);
            return article.Sections.Sum(s => s.Blocks.Count) == 0
                ? (null, new ImportProblem(file.Source.Path, "no text left after cleaning"))
                : (article, null);
        }
        catch (SourceRejectedException ex)
        {
            return (null, new ImportProblem(file.Source.Path, ex.Reason));
        }
        catch (Exception ex)
        {
            // A pipeline bug is still this file's problem; report it and write nothing.
            return (null, new ImportProblem(file.Source.Path, $"the text pipeline failed: {Describe(ex)}"));
        }
    }

    /// <summary>
    /// Two files may not claim one slug, in this run or against articles already stored (files
    /// rewritten in this run give up their old slugs).
    /// </summary>
    static IEnumerable<ImportProblem> SlugClashes(List<PreparedArticle> prepared, Dictionary<string, StoredFile> stored)
    {
        var rewritten = prepared.Select(p => p.File.FileName).ToHashSet();
        var owners = stored.Values.Where(f => f.Slug is not null && !rewritten.Contains(f.FileName))
            .ToDictionary(f => f.Slug!, f => f.FileName);
        foreach (var article in prepared)
            if (!owners.TryAdd(article.Fields.Slug, article.File.FileName))
                yield return new ImportProblem(article.File.Path, $"slug '{article.Fields.Slug}' already belongs to {owners[article.Fields.Slug]}");
    }

    /// <summary>6. Write, inside the transaction: metadata of unchanged files, taxonomy, articles, section tags, the search index.</summary>
    ImportResult Write(ArchiveWrite write, ArticleWriter articles, List<FilePlan> plan,
        List<PreparedArticle> prepared, Dictionary<string, StoredFile> stored, ImportRequest request)
    {
        var (connection, tx) = (write.Connection, write.Transaction);
        // total_changes() counts for the connection's whole life, and a pooled connection may
        // already have run the migrations: this run's rows are the difference.
        var changesBefore = RowsWritten(write);
        var outcomes = new List<FileOutcome>();
        var warnings = new List<string>();
        var relabelled = new List<long>();   // metadata changed: the title, author and source are indexed (labels)
        foreach (var file in plan.Where(p => p.Unchanged))
        {
            var updated = file.Meta is not null && articles.UpdateMetadata(file.Old!.ArticleId!.Value, file.Meta);
            if (updated)
                relabelled.Add(file.Old!.ArticleId!.Value);
            outcomes.Add(new FileOutcome(file.Source.FileName, updated ? FileStatus.MetadataUpdated : FileStatus.Unchanged,
                file.Slug, null, DocumentCounts.Zero, null));
        }

        // Taxonomy first, then articles, then the section tags that depend on both.
        var tags = new TagWriter(connection, tx);
        var tagsChanged = request.Tags is null ? 0 : tags.Sync(request.Tags);
        var importedAt = ImportGenerations.Stamp(clock.GetUtcNow());
        var written = new List<long>();
        Progress?.Report(new ImportProgress(ImportStage.Writing, 0, prepared.Count));
        foreach (var article in prepared)
        {
            var old = stored.GetValueOrDefault(article.File.FileName);
            var (articleId, paragraphs) = articles.Write(article, old, importedAt);
            written.Add(articleId);
            warnings.AddRange(article.Warnings);
            outcomes.Add(new FileOutcome(article.File.FileName, old?.ArticleId is null ? FileStatus.Added : FileStatus.Replaced,
                article.Fields.Slug, article.Encoding, article.Counts, paragraphs));
            logger.LogInformation("import: {File} → {Slug}", article.File.FileName, article.Fields.Slug);
            Progress?.Report(new ImportProgress(ImportStage.Writing, written.Count, prepared.Count));
            if (written.Count % StatisticsEvery == 0)
                RefreshPlannerStatistics(write);
        }
        if (written.Count % StatisticsEvery != 0)
            RefreshPlannerStatistics(write);   // for tagging and indexing, which read what was written
        // A changed taxonomy can retag any section; otherwise only rewritten articles need it.
        var sections = prepared.Sum(a => a.Sections.Count);
        Progress?.Report(new ImportProgress(ImportStage.Tagging, 0, sections));
        var (linksAdded, linksRemoved) = tags.Link(tagsChanged > 0 ? null : written);
        Progress?.Report(new ImportProgress(ImportStage.Tagging, sections, sections));
        // The search index follows the text in the same transaction. Tag names are indexed as labels
        // of their sections, so a changed taxonomy re-indexes every article.
        Progress?.Report(new ImportProgress(ImportStage.Indexing, 0, sections));
        var reindex = tagsChanged > 0 ? connection.Query<long>("SELECT id FROM articles", transaction: tx).AsList()
            : written.Concat(relabelled).Distinct().ToList();
        // The index writer is the provider's: FTS5 tables, or PostgreSQL's tsvector rows.
        if (connection is SqliteConnection sqlite)
            new SearchIndexWriter(sqlite, (SqliteTransaction)tx).Refresh(reindex,
                Progress is null ? null : new Action<int>(indexed => Progress.Report(new ImportProgress(ImportStage.Indexing, indexed, sections))));
        else
        {
            new PostgresSearchIndex((NpgsqlConnection)connection, (NpgsqlTransaction)tx).Refresh(reindex);
            Progress?.Report(new ImportProgress(ImportStage.Indexing, sections, sections));
        }

        var rowsChanged = RowsWritten(write) - changesBefore;
        // A run that wrote something starts a new generation (migration 007): the web host's cached
        // pages and validators follow it, and counts the listing's facets anew (migration 011).
        // A run with nothing new leaves the file untouched.
        if (rowsChanged > 0)
        {
            FacetCounts.Refresh(connection, tx);
            ImportGenerations.Advance(connection, tx, importedAt);
        }

        var order = plan.Select((p, i) => (p.Source.FileName, i)).ToDictionary(x => x.FileName, x => x.i);
        return new ImportResult(outcomes.OrderBy(o => order[o.FileName]).ToList(), warnings, [],
            tagsChanged, linksAdded, linksRemoved, rowsChanged);
    }

    static long RowsWritten(ArchiveWrite write) =>
        write.Connection.ExecuteScalar<long>(write.Sql.RowsWritten, transaction: write.Transaction);

    /// <summary>How many articles a run writes between two refreshes of the planner's statistics (<see cref="ArchiveSql.RefreshPlannerStatistics"/>).</summary>
    const int StatisticsEvery = 500;

    static void RefreshPlannerStatistics(ArchiveWrite write)
    {
        if (write.Sql.RefreshPlannerStatistics is { } analyze)
            write.Connection.Execute(analyze, transaction: write.Transaction);
    }

    /// <summary>
    /// 7. After the commit, move the WAL into the main file. The commit is durable either way; what a
    /// failure changes is that the main file alone is not a complete copy (a backup by copying it
    /// would lose the run), so the result says so instead of reporting a plain success.
    /// </summary>
    ImportResult Checkpoint(ArchiveDatabase database, ImportResult result)
    {
        if (database.Provider != ArchiveProvider.Sqlite)
            return result;   // PostgreSQL's commit is the whole story: it checkpoints on its own
        var db = database.FilePath;
        try
        {
            var checkpoint = database.Checkpoint();
            if (checkpoint.Complete)
                return result;
            return result with
            {
                Checkpoint = CheckpointStatus.Incomplete,
                CheckpointMessage = $"the import is committed, but readers kept the checkpoint from finishing: {checkpoint.MovedPages} of " +
                                    $"{checkpoint.WalPages} pages in {db}-wal are in {db}; a later checkpoint (the next import, or the last " +
                                    "connection closing) moves the rest. Until then back up with sqlite3 .backup, not by copying the file",
            };
        }
        catch (StoreException ex)
        {
            logger.LogError("import: checkpoint of {Database} failed: {Error}", db, Describe(ex));
            return result with
            {
                Checkpoint = CheckpointStatus.Failed,
                CheckpointMessage = $"the import is committed, but copying it from {db}-wal into {db} failed ({Describe(ex.InnerException ?? ex)}). " +
                                    $"The data is safe in {db}-wal: keep that file beside the database, and do not copy {db} alone. " +
                                    "Free space and run the importer again: it finishes the checkpoint",
            };
        }
    }

    /// <summary>Why the write transaction failed, in words an operator can act on; nothing was written.</summary>
    static string DescribeWriteFailure(SqliteException ex) => ex.SqliteErrorCode switch
    {
        raw.SQLITE_BUSY or raw.SQLITE_LOCKED =>
            $"the database is locked by another writer (is another import running?): waited {ArchiveDatabase.BusyTimeout.TotalSeconds:0} s " +
            $"for the write lock ({Describe(ex)}); run the import again when the other one has finished",
        raw.SQLITE_FULL => $"the disk is full, or the database reached its size limit ({Describe(ex)}); free space and run the import again",
        raw.SQLITE_IOERR => $"the disk could not take the write ({Describe(ex)}); check free space and the disk, then run the import again",
        _ => $"cannot write the database: {Describe(ex)}",
    };

    /// <summary>PostgreSQL's faults in the same words as SQLite's (the lock: 55P03 lock_not_available, from lock_timeout).</summary>
    static string DescribeWriteFailure(PostgresException ex) => ex.SqlState switch
    {
        PostgresErrorCodes.LockNotAvailable =>
            $"the database is locked by another writer (is another import running?): waited {ArchiveDatabase.BusyTimeout.TotalSeconds:0} s " +
            $"for the write lock ({ex.MessageText}); run the import again when the other one has finished",
        PostgresErrorCodes.DiskFull => $"the disk is full ({ex.MessageText}); free space and run the import again",
        _ => $"cannot write the database: {ex.MessageText} ({ex.SqlState})",
    };

    static string Describe(Exception ex) => ex switch
    {
        StoreException { InnerException: { } inner } store => $"{store.Message} ({Describe(inner)})",
        SqliteException sqlite => sqlite.Message.Replace("SQLite Error ", "SQLite error ").TrimEnd('.'),
        _ => ex.Message,
    };
}
