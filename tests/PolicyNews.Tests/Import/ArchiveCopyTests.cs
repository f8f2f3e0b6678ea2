using Dapper;
using PolicyNews.Archive.Import;
using PolicyNews.Archive.Store;
using PolicyNews.Tests.Store.PostgreSQL;

namespace PolicyNews.Tests.Import;

/// <summary>Moving an SQLite archive to PostgreSQL: every row with its id, ids continuing after, and never into an archive that holds one.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ArchiveCopyTests(PostgresFixture postgres) : IDisposable
{
    readonly SmallArchive archive = new();

    public void Dispose() => archive.Dispose();

    static readonly string[] Tables = ["source_files", "articles", "sections", "paragraphs", "annotations", "repairs", "tags", "section_tags"];

    [PostgresFact]
    public void CopiesEveryRowWithItsIdAndNewRowsContinueAfterThem()
    {
        using var both = postgres.StoryOnBoth(archive);
        var (sqlite, pg) = (both.Sqlite, both.Postgres);

        using var lite = sqlite.OpenConnection();
        using var target = pg.OpenConnection();
        foreach (var table in Tables)
            Assert.True(lite.ExecuteScalar<long>($"SELECT COUNT(*) FROM {table}") > 0 || table == "repairs", $"{table} is empty in the sample");
        Assert.Equal(Tables.Select(t => (t, lite.ExecuteScalar<long>($"SELECT COUNT(*) FROM {t}"))),
            Tables.Select(t => (t, target.ExecuteScalar<long>($"SELECT COUNT(*) FROM {t}"))));
        Assert.Equal(lite.Query<(long, string)>("SELECT id, stable_id FROM paragraphs ORDER BY id"),
            target.Query<(long, string)>("SELECT id, stable_id FROM paragraphs ORDER BY id"));
        Assert.Equal(lite.ExecuteScalar<long>("SELECT generation FROM import_generation"), target.ExecuteScalar<long>("SELECT generation FROM import_generation"));
        Assert.Equal(target.ExecuteScalar<long>("SELECT COUNT(*) FROM sections"), target.ExecuteScalar<long>("SELECT COUNT(*) FROM search_sections"));

        var next = target.ExecuteScalar<long>("""
            INSERT INTO source_files (file_name, sha256, bytes, encoding, imported_at) VALUES ('more.txt', 'x', 1, 'utf-8', '2025-01-01T00:00:00Z')
            RETURNING id
            """);
        Assert.Equal(lite.ExecuteScalar<long>("SELECT max(id) FROM source_files") + 1, next);
    }

    [PostgresFact]
    public void RefusesAnArchiveThatIsNotEmptyAndLeavesItAsItWas()
    {
        using var both = postgres.StoryOnBoth(archive);
        var (sqlite, pg) = (both.Sqlite, both.Postgres);
        using var target = pg.OpenConnection();
        var paragraphs = target.ExecuteScalar<long>("SELECT COUNT(*) FROM paragraphs");

        var error = Assert.Throws<StoreException>(() => ArchiveCopy.Copy(sqlite, pg));

        Assert.Equal($"store: the PostgreSQL archive {pg.Description} is not empty; copy into a new database", error.Message);
        Assert.Equal(paragraphs, target.ExecuteScalar<long>("SELECT COUNT(*) FROM paragraphs"));
    }
}
