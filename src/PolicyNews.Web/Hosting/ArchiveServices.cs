using Microsoft.Extensions.Options;
using PolicyNews.Archive;

namespace PolicyNews.Web.Hosting;

public static class ArchiveServices
{
    /// <summary>
    /// One <see cref="ArchiveDatabase"/> for the process (it only holds a connection string) and its
    /// stores. The web host only reads, so it accepts a write-protected file whose schema is current;
    /// it checks the file (<c>quick_check</c>) before serving from it. Opening happens when
    /// <see cref="ArchiveStartup.Prepare"/> first asks for it, which reports a file it cannot serve.
    /// </summary>
    public static IServiceCollection AddArchive(this IServiceCollection services) => services
        .AddSingleton(sp => ArchiveDatabase.Open(
            sp.GetRequiredService<IOptions<ArchiveSettings>>().Value.Database, SearchSqlFunctions.Register,
            sp.GetRequiredService<ILogger<ArchiveDatabase>>(),
            new ArchiveOpenOptions { AllowReadOnly = true, QuickCheck = true }))
        .AddSingleton<ArticleStore>()
        .AddSingleton<ListingStore>()
        .AddSingleton<TagStore>()
        .AddSingleton<SectionTextStore>()
        .AddSingleton<SitemapStore>()
        .AddSingleton(sp => new SearchStore(sp.GetRequiredService<ArchiveDatabase>(),
            Math.Max(1, sp.GetRequiredService<IOptions<ArchiveSettings>>().Value.SearchExactUpTo)));
}
