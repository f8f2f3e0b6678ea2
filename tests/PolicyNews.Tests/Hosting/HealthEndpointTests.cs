using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using PolicyNews.Archive.Search;
using PolicyNews.Archive.Store;
using PolicyNews.Tests.Web;
using PolicyNews.Web.Hosting;

namespace PolicyNews.Tests.Hosting;

/// <summary>/healthz and /readyz through the real pipeline, on the shared seed portal.</summary>
[Collection(PortalCollection.Name)]
public sealed class HealthEndpointTests(PortalFixture portal)
{
    [Fact]
    public async Task LivenessAnswersHealthyAsPlainTextAndIsNeverCached()
    {
        using var response = await portal.Client().GetAsync(Health.LivePath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.CacheControl is { NoStore: true, NoCache: true }, $"Cache-Control: {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task ReadinessReportsTheDatabaseItsSchemaAndTheQuickCheckAsJson()
    {
        using var response = await portal.Client().GetAsync(Health.ReadyPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl is { NoStore: true }, $"Cache-Control: {response.Headers.CacheControl}");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var archive = json.RootElement.GetProperty("checks").GetProperty("archive");
        Assert.Equal("Healthy", archive.GetProperty("status").GetString());
        if (TestProvider.IsPostgres)
        {
            // host:port/database, never the connection string (it may hold a password); no quick_check.
            Assert.Equal(PolicyNews.Archive.Store.PostgreSQL.PostgresArchive.Describe(portal.ArchiveLocation), archive.GetProperty("database").GetString());
            Assert.Equal(PolicyNews.Archive.Store.PostgreSQL.PostgresMigrator.LatestVersion, archive.GetProperty("schema").GetInt32());
            Assert.Equal(PolicyNews.Archive.Store.PostgreSQL.PostgresMigrator.LatestVersion, archive.GetProperty("schemaExpected").GetInt32());
            Assert.False(archive.TryGetProperty("quickCheck", out _));
            return;
        }
        Assert.Equal(portal.DatabasePath, archive.GetProperty("database").GetString());
        Assert.Equal(Migrator.LatestVersion, archive.GetProperty("schema").GetInt32());
        Assert.Equal(Migrator.LatestVersion, archive.GetProperty("schemaExpected").GetInt32());
        Assert.Equal("ok", archive.GetProperty("quickCheck").GetString());
        Assert.False(archive.GetProperty("readOnly").GetBoolean());
        // Cached from start: asking twice does not run it twice.
        using var again = JsonDocument.Parse(await portal.Client().GetStringAsync(Health.ReadyPath));
        Assert.Equal(archive.GetProperty("quickCheckAt").GetString(),
            again.RootElement.GetProperty("checks").GetProperty("archive").GetProperty("quickCheckAt").GetString());
    }

    [Theory]
    [InlineData(Health.LivePath)]
    [InlineData(Health.ReadyPath)]
    public async Task BothAnswerHead(string path)
    {
        using var response = await portal.Client().SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ReadinessIsUnhealthyWhileTheProcessShutsDown()
    {
        using var database = ArchiveDatabase.Open(portal.DatabasePath, SearchSqlFunctions.Register);
        using var stopping = new CancellationTokenSource();
        stopping.Cancel();
        var check = new ArchiveReadiness(database, new StoppingLifetime(stopping.Token));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("shutting down", result.Description);
    }

    sealed class StoppingLifetime(CancellationToken stopping) : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => stopping;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication() { }
    }
}
