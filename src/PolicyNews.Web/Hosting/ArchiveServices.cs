using Microsoft.Extensions.Options;
using PolicyNews.Archive;

namespace PolicyNews.Web.Hosting;

public static class ArchiveServices
{
    /// <summary>One <see cref="ArchiveDatabase"/> for the process (it only holds a connection string) and its stores.</summary>
    public static IServiceCollection AddArchive(this IServiceCollection services) => services
        .AddSingleton(sp => ArchiveDatabase.Open(
            sp.GetRequiredService<IOptions<ArchiveSettings>>().Value.Database, SearchSqlFunctions.Register,
            sp.GetRequiredService<ILogger<ArchiveDatabase>>()))
        .AddSingleton<ArticleStore>()
        .AddSingleton<TagStore>()
        .AddSingleton(sp => new SearchStore(sp.GetRequiredService<ArchiveDatabase>(),
            Math.Max(1, sp.GetRequiredService<IOptions<ArchiveSettings>>().Value.SearchExactUpTo)));
}
