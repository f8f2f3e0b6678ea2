using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using PolicyNews.Archive.Store;
using PolicyNews.Tests.Web;
using PolicyNews.Web.Hosting;

namespace PolicyNews.Tests.Hosting;

/// <summary>
/// What happens to the database under a running portal shows in /readyz: a portal of its own,
/// since each case changes the file (and puts it back).
/// </summary>
public sealed class ReadinessTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Theory]
    [InlineData("newer schema", "is newer than this build knows")]
    [InlineData("older schema", "is older than this build needs")]
    public Task ReadinessTurnsUnavailableWhenTheSchemaChangesUnderThePortal(string change, string expected) =>
        ReadinessTurnsUnavailableWhile(change, expected);

    [SqliteOnlyFact("moves the SQLite file away under the portal")]
    public Task ReadinessTurnsUnavailableWhenTheFileGoes() => ReadinessTurnsUnavailableWhile("file gone", "store: cannot read");

    async Task ReadinessTurnsUnavailableWhile(string change, string expected)
    {
        var client = portal.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Health.ReadyPath)).StatusCode);

        using (Change(change))
        {
            using var response = await client.GetAsync(Health.ReadyPath);
            var body = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            using var json = JsonDocument.Parse(body);
            Assert.Equal("Unhealthy", json.RootElement.GetProperty("status").GetString());
            Assert.Contains(expected, json.RootElement.GetProperty("checks").GetProperty("archive").GetProperty("description").GetString());
            // Liveness is about the process, which is fine.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Health.LivePath)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Health.ReadyPath)).StatusCode);
    }

    static int Latest => TestProvider.IsPostgres ? PolicyNews.Archive.Store.PostgreSQL.PostgresMigrator.LatestVersion : Migrator.LatestVersion;

    IDisposable Change(string change) => change switch
    {
        "newer schema" => SchemaVersion(Latest + 1),
        "older schema" => SchemaVersion(Latest - 1),
        "file gone" => Moved(),
        _ => throw new ArgumentOutOfRangeException(nameof(change)),
    };

    /// <summary>What an importer of another build would leave: the same file at another schema version.</summary>
    IDisposable SchemaVersion(int version)
    {
        SetVersion(version);
        return new Undo(() => SetVersion(Latest));
    }

    void SetVersion(int version)
    {
        if (TestProvider.IsPostgres)
        {
            using var postgres = new Npgsql.NpgsqlConnection(portal.ArchiveLocation);
            postgres.Open();
            postgres.Execute("UPDATE schema_version SET version = @version", new { version });
            return;
        }
        using var connection = new SqliteConnection($"Data Source={portal.DatabasePath};Pooling=False");
        connection.Open();
        connection.Execute($"PRAGMA user_version = {version}");
    }

    IDisposable Moved()
    {
        var aside = portal.DatabasePath + ".aside";
        File.Move(portal.DatabasePath, aside);
        return new Undo(() => File.Move(aside, portal.DatabasePath));
    }

    sealed class Undo(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
