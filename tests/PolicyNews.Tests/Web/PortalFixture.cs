using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace PolicyNews.Tests.Web;

/// <summary>
/// The real portal (Program.cs, all middleware) on an in-memory server, with a fresh database that
/// the portal's own start-up fills from the repository's seeds/ — exactly what a first
/// <c>dotnet run</c> does. A subclass passes settings of its own (see <see cref="ExactLimit3Portal"/>).
/// </summary>
public class PortalFixture : IDisposable
{
    readonly TempFolder dir = new();
    readonly WebApplicationFactory<Program> factory;

    public PortalFixture() : this([]) { }

    /// <param name="settings">Configuration set after the database and seeds (so it can override them).</param>
    protected PortalFixture(params (string Key, string Value)[] settings) : this(_ => { }, settings) { }

    /// <param name="testServices">Services registered after the portal's own (see SlowSearchPortal), for test seams only.</param>
    /// <param name="settings">Configuration set after the database and seeds (so it can override them).</param>
    protected PortalFixture(Action<IServiceCollection> testServices, params (string Key, string Value)[] settings)
    {
        DatabasePath = dir["portal.db"];
        // POLICYNEWS_TEST_PROVIDER=PostgreSQL: the same portal over a database of its own (TestProvider).
        ArchiveLocation = TestProvider.IsPostgres ? TestProvider.NewPostgresDatabase() : DatabasePath;
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Production")
                .UseSetting("Archive:Provider", TestProvider.Current.ToString())
                .UseSetting("Archive:Database", DatabasePath)
                .UseSetting("ConnectionStrings:Archive", TestProvider.IsPostgres ? ArchiveLocation : "")
                .UseSetting("Archive:Seeds", Repository.Seeds)
                // Every request of the in-memory server comes from one (unknown) client: without this,
                // the test classes sharing a portal would spend one search budget between them.
                // Fixtures that test the limits set their own (TinyLimitsPortal).
                .UseSetting("Limits:SearchBurst", "0")
                .UseSetting("Limits:ApiBurst", "0");
            foreach (var (key, value) in settings)
                host.UseSetting(key, value);
            host.ConfigureTestServices(testServices);
        });
    }

    /// <summary>The SQLite file (unused on PostgreSQL, where <see cref="ArchiveLocation"/> is the connection string).</summary>
    public string DatabasePath { get; }

    /// <summary>Where the portal's archive is for the <see cref="Provider"/>: the SQLite file or the PostgreSQL connection string.</summary>
    public string ArchiveLocation { get; }

    public PolicyNews.Archive.Store.ArchiveProvider Provider => TestProvider.Current;

    /// <summary>Rows straight from the portal's archive, on either provider (the SQL must be in the subset both accept).</summary>
    public List<T> Query<T>(string sql, object? parameters = null) =>
        Services.GetRequiredService<PolicyNews.Archive.Store.ArchiveDatabase>().Read("read for a test", s => s.Query<T>(sql, parameters));

    /// <summary>An import into the portal's own archive, on its provider.</summary>
    public PolicyNews.Archive.Import.ImportRequest ImportRequest(IReadOnlyList<string> files) => new(ArchiveLocation, files) { Provider = Provider };

    /// <summary>The portal's services (the endpoints it maps, its OpenAPI document).</summary>
    public IServiceProvider Services => factory.Services;

    /// <summary>
    /// Serve over real Kestrel on a loopback port instead of the in-memory server, for what only a
    /// server does (HEAD without a body, a remote address). Call in a subclass's constructor.
    /// </summary>
    protected void UseRealServer()
    {
        factory.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));   // a free loopback port (UseKestrel(0) binds Kestrel's default 5000)
        factory.StartServer();
        realServer = new Uri(factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
    }

    Uri? realServer;

    /// <summary>A client that does not follow redirects (so tests can see them) and keeps cookies.</summary>
    public HttpClient Client() => factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false, HandleCookies = true, BaseAddress = realServer ?? new Uri("http://localhost"),
    });

    public async Task<IDocument> Page(HttpClient client, string url, int expectedStatus = 200)
    {
        using var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"GET {url} answered {(int)response.StatusCode}, expected {expectedStatus}:\n{Excerpt(html)}");
        return await new HtmlParser().ParseDocumentAsync(html);
    }

    public Task<IDocument> Page(string url, int expectedStatus = 200) => Page(Client(), url, expectedStatus);

    /// <summary>
    /// The in-memory server itself, for what an HttpClient cannot set: <c>Server.SendAsync</c> builds
    /// the request's HttpContext directly, connection (remote address, as a proxy would have) included.
    /// </summary>
    public TestServer Server => factory.Server;

    static string Excerpt(string html) => html.Length > 2000 ? html[..2000] : html;

    public void Dispose()
    {
        factory.Dispose();
        dir.Dispose();
    }
}

/// <summary>The portal with Archive:SearchExactUpTo at 3, so that 创新 (in 8 sections of the seeds) goes past it.</summary>
public sealed class ExactLimit3Portal() : PortalFixture(("Archive:SearchExactUpTo", "3"));

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "portal";
}
