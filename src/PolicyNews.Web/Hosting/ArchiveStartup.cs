using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using PolicyNews.Archive;
using PolicyNews.Archive.Import;
using PolicyNews.Archive.Text;

namespace PolicyNews.Web.Hosting;

/// <summary>
/// Before the first request: open the database — checked, quick_check'ed (a large file while it is
/// served: <see cref="CheckInBackground"/>) and migrated by <see cref="ArchiveDatabase.Open"/> — and, on a fresh machine with no articles, import
/// <c>Archive:Seeds</c> so that <c>dotnet run</c> alone gives a working portal. A database that
/// already holds articles is left alone — re-imports are the importer's job.
///
/// A file the portal cannot serve (a folder, not SQLite, truncated, damaged, from a newer build,
/// read-only and behind) ends the process: one log line naming the file and the fault, exit code
/// <see cref="CannotServe"/>. Such a fault does not heal by waiting, and a portal kept running on it
/// would answer 500 on every page that touched the damage. A write-protected file whose schema is
/// current is served read-only (the portal never writes outside start-up), and the log says so.
/// </summary>
public static class ArchiveStartup
{
    /// <summary>The process's exit code when it refuses the database (Program.cs returns it).</summary>
    public const int CannotServe = 3;

    /// <summary>True when the portal can serve; false after logging the one line that says why not.</summary>
    public static bool Prepare(IServiceProvider services)
    {
        var settings = services.GetRequiredService<IOptions<ArchiveSettings>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("PolicyNews.Web.Startup");

        ArchiveDatabase database;
        long articles;
        try
        {
            database = services.GetRequiredService<ArchiveDatabase>();   // checks, opens and migrates
            articles = services.GetRequiredService<ArticleStore>().CountArticlesOnPrimary();
        }
        catch (Exception ex) when (ex is StoreException or ArgumentException or NotSupportedException)
        {
            // No stack trace: the message names the file and the fault, which is all an operator can act on.
            logger.LogCritical("archive: not starting: {Fault}", Describe(ex, settings.Database));
            return false;
        }
        if (database.IntegrityCheckPending)
            CheckInBackground(database, logger);

        if (database.ReadOnly)
            logger.LogWarning("archive: {Database} is read-only: serving it as it is (no migrations, no seed import)", database.Description);
        if (articles > 0 || database.ReadOnly)
        {
            logger.LogInformation("archive: {Database} holds {Articles} articles", database.Description, articles);
            return true;
        }

        // Several nodes may start at once on one empty PostgreSQL archive: the seed lock lets one
        // import while the others wait, then find the articles and leave them alone.
        var (result, problems) = database.WhileSeeding(() =>
        {
            if (database.Provider != ArchiveProvider.Sqlite && services.GetRequiredService<ArticleStore>().CountArticlesOnPrimary() > 0)
                return ((ImportResult?)null, (IReadOnlyList<ImportProblem>)[]);
            var (request, problems) = ImportInputs.Gather(database.FilePath, [settings.Seeds]);
            return (request is null ? null : new ArchiveImporter(ArticlePipeline.Create(), logger: logger)
                .Import(request with { Provider = database.Provider }, database), problems);
        });
        if (result is null && problems.Count == 0)
        {
            logger.LogInformation("archive: another node imported the seeds into {Database}", database.Description);
            return true;
        }
        if (result is null || !result.Succeeded)
        {
            // The portal still starts (an empty archive is a valid state); the log says why it is empty.
            foreach (var problem in result?.Problems ?? problems)
                logger.LogError("archive: seed import failed: {Problem}", problem);
            return true;
        }
        if (result.Checkpoint != CheckpointStatus.Complete)
            logger.LogWarning("archive: {Checkpoint}", result.CheckpointMessage);
        logger.LogInformation("archive: imported {Count} articles from {Seeds} into {Database}",
            result.Imported, Path.GetFullPath(settings.Seeds), database.Description);
        return true;
    }

    /// <summary>
    /// A file larger than <c>Archive:StartupCheckUpToMegabytes</c> is served at once and checked on a
    /// thread of its own: <c>quick_check</c> of a 3 GB archive took 106 s, and a restart should not
    /// leave the portal answering nothing for that long. Damage found then cannot refuse the start any
    /// more; it is logged as the start-up refusal would be and makes readiness 503 (<see cref="ArchiveReadiness"/>),
    /// so a load balancer stops sending readers to it.
    /// </summary>
    static void CheckInBackground(ArchiveDatabase database, ILogger logger)
    {
        logger.LogInformation("archive: {Database} is larger than Archive:StartupCheckUpToMegabytes: serving it while quick_check reads it",
            database.Description);
        Task.Factory.StartNew(() =>
        {
            try
            {
                var check = database.CheckIntegrity();
                if (!check.Ok)
                    logger.LogCritical("archive: not ready: {Fault}", database.Describe(check));
            }
            catch (Exception ex)
            {
                // Nothing awaits this task: whatever stopped the check must reach the log, not vanish.
                logger.LogCritical(ex, "archive: quick_check of {Database} could not run", database.Description);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    static string Describe(Exception ex, string configured) => ex switch
    {
        StoreException { InnerException: SqliteException sqlite } => $"{ex.Message} ({sqlite.Message.Replace("SQLite Error ", "SQLite error ").TrimEnd('.')})",
        StoreException => ex.Message,
        _ => $"Archive:Database '{configured}' is not a usable path: {ex.Message}",
    };
}
