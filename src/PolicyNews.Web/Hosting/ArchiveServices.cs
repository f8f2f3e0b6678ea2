using Microsoft.Extensions.Options;
using PolicyNews.Archive;

namespace PolicyNews.Web.Hosting;

public static class ArchiveServices
{
    /// <summary>The connection string of a PostgreSQL archive's primary (migrations, the seed import).</summary>
    public const string PrimaryConnection = "Archive";

    /// <summary>The optional connection string pages and search read from (a streaming replica).</summary>
    public const string ReadConnection = "ArchiveRead";

    /// <summary>
    /// One <see cref="ArchiveDatabase"/> for the process (it only holds a connection string or a data
    /// source) and its stores, on the provider <c>Archive:Provider</c> names. On SQLite the web host
    /// only reads, so it accepts a write-protected file whose schema is current; it checks the file
    /// (<c>quick_check</c>) before serving from it, or while serving when it is larger than
    /// <c>Archive:StartupCheckUpToMegabytes</c> (<see cref="ArchiveStartup"/>). Opening happens when
    /// <see cref="ArchiveStartup.Prepare"/> first asks for it, which reports an archive it cannot serve.
    /// </summary>
    public static IServiceCollection AddArchive(this IServiceCollection services) => services
        .AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<ArchiveSettings>>().Value;
            var logger = sp.GetRequiredService<ILogger<ArchiveDatabase>>();
            if (settings.Provider == ArchiveProvider.Sqlite)
                return ArchiveDatabase.Open(settings.Database, SearchSqlFunctions.Register, logger,
                    new ArchiveOpenOptions
                    {
                        AllowReadOnly = true,
                        QuickCheck = true,
                        QuickCheckUpToBytes = Math.Max(0, settings.StartupCheckUpToMegabytes) * 1024L * 1024,
                    });
            var configuration = sp.GetRequiredService<IConfiguration>();
            var primary = configuration.GetConnectionString(PrimaryConnection);
            if (string.IsNullOrWhiteSpace(primary))
                throw new StoreException($"store: Archive:Provider is PostgreSQL but ConnectionStrings:{PrimaryConnection} is not set");
            return ArchiveDatabase.OpenPostgres(primary, configuration.GetConnectionString(ReadConnection), logger);
        })
        .AddSingleton<ArticleStore>()
        .AddSingleton<ListingStore>()
        .AddSingleton<TagStore>()
        .AddSingleton<SectionTextStore>()
        .AddSingleton<SitemapStore>()
        .AddSingleton(sp => new SearchStore(sp.GetRequiredService<ArchiveDatabase>(),
            Math.Max(1, sp.GetRequiredService<IOptions<ArchiveSettings>>().Value.SearchExactUpTo)));
}
