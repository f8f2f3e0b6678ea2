using PolicyNews.Archive.Import;
using PolicyNews.Archive.Search;
using PolicyNews.Archive.Store;
using PolicyNews.Archive.Text;

namespace PolicyNews.Tests.Search;

/// <summary>The two real seeds imported once through the real pipeline, shared by a test class.</summary>
public sealed class SeedArchive : IDisposable
{
    readonly TempFolder dir = new();

    public SeedArchive()
    {
        DatabasePath = dir["archive.db"];
        // POLICYNEWS_TEST_PROVIDER=PostgreSQL: the seeds in a PostgreSQL database of their own (TestProvider).
        Location = TestProvider.IsPostgres ? TestProvider.NewPostgresDatabase() : DatabasePath;
        var result = new ArchiveImporter(ArticlePipeline.Create()).Import(Request(Location) with { Provider = TestProvider.Current });
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Database = TestProvider.IsPostgres ? ArchiveDatabase.OpenPostgres(Location) : ArchiveDatabase.Open(DatabasePath, SearchSqlFunctions.Register);
        Search = new SearchStore(Database);
        Articles = new ArticleStore(Database);
    }

    public const string Replicated = "deepseek-style-innovation-can-be-replicated";
    public const string Lessons = "lessons-of-deepseek-for-china-sci-tech-leadership";

    public string DatabasePath { get; }

    /// <summary>Where the seeds are on the suite's provider: <see cref="DatabasePath"/>, or the PostgreSQL connection string.</summary>
    public string Location { get; }
    public ArchiveDatabase Database { get; }
    public SearchStore Search { get; }
    public ArticleStore Articles { get; }

    /// <summary>The request the portal's own start-up makes for seeds/ (every source file, articles.json, tags.json).</summary>
    public static ImportRequest Request(string databasePath)
    {
        var (request, problems) = ImportInputs.Gather(databasePath, [Repository.Seeds]);
        return request ?? throw new InvalidOperationException(string.Join("\n", problems));
    }

    public void Dispose()
    {
        Database.Dispose();
        dir.Dispose();
    }
}
