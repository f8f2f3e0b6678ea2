using Microsoft.Extensions.Options;
using PolicyNews.Archive;
using PolicyNews.Archive.Import;
using PolicyNews.Archive.Text;

namespace PolicyNews.Web.Hosting;

/// <summary>
/// A fresh machine has no database: the first start imports <c>Archive:Seeds</c> so that
/// <c>dotnet run</c> alone gives a working portal. A database that already holds articles is left
/// alone — re-imports are the importer's job.
/// </summary>
public static class ArchiveStartup
{
    public static void EnsureImported(IServiceProvider services)
    {
        var settings = services.GetRequiredService<IOptions<ArchiveSettings>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("PolicyNews.Web.Startup");
        var database = services.GetRequiredService<ArchiveDatabase>();   // opens and migrates

        var articles = services.GetRequiredService<ArticleStore>().CountArticles();
        if (articles > 0)
        {
            logger.LogInformation("archive: {Database} holds {Articles} articles", database.FilePath, articles);
            return;
        }

        var (request, problems) = ImportInputs.Gather(database.FilePath, [settings.Seeds]);
        var result = request is null ? null : new ArchiveImporter(ArticlePipeline.Create(), logger: logger).Import(request);
        if (result is null || !result.Succeeded)
        {
            // The portal still starts (an empty archive is a valid state); the log says why it is empty.
            foreach (var problem in result?.Problems ?? problems)
                logger.LogError("archive: seed import failed: {Problem}", problem);
            return;
        }
        logger.LogInformation("archive: imported {Count} articles from {Seeds} into {Database}",
            result.Imported, Path.GetFullPath(settings.Seeds), database.FilePath);
    }
}
