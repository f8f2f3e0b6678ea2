using Dapper;
using Npgsql;
using NpgsqlTypes;
using PolicyNews.Archive.Search;
using PolicyNews.Archive.Store;
using PolicyNews.Archive.Store.PostgreSQL;

namespace PolicyNews.Archive.Import;

/// <summary>
/// Copies an SQLite archive into an empty PostgreSQL archive, row ids and all, and builds the
/// PostgreSQL search index: how an archive moves to the PostgreSQL provider without re-importing
/// (the stable ids and retired paths the importer recorded survive), and how the benchmarks and
/// tests fill PostgreSQL with exactly what SQLite holds. One transaction: all or nothing.
/// </summary>
public static class ArchiveCopy
{
    /// <summary>Every table of both schemas, parents before children (search_sections is rebuilt, not copied).</summary>
    static readonly string[] Tables =
    [
        "source_files", "articles", "sections", "paragraphs", "annotations", "repairs",
        "heading_annotations", "heading_repairs", "tags", "section_tags", "article_tags", "retired_paths", "retired_section_ids", "facet_counts",
    ];

    /// <summary>Returns the number of rows copied. Refuses (<see cref="StoreException"/>) a target that already holds articles.</summary>
    public static long Copy(ArchiveDatabase from, PostgresArchive to)
    {
        using var source = from.OpenConnection();
        using var target = to.OpenConnection();
        using var tx = target.BeginTransaction();
        // Another copy or an importer must not write meanwhile; the migrations' lock serves.
        target.Execute("SELECT pg_advisory_xact_lock(@MigrationLock)", new { PostgresMigrator.MigrationLock }, tx);
        if (target.ExecuteScalar<bool>("SELECT EXISTS (SELECT 1 FROM source_files)", transaction: tx))
            throw new StoreException($"store: the PostgreSQL archive {to.Description} is not empty; copy into a new database");

        long rows = 0;
        foreach (var table in Tables)
            rows += CopyTable(source, target, tx, table);
        var (generation, changedAt) = source.QuerySingle<(long, string)>("SELECT generation, changed_at FROM import_generation WHERE id = 1");
        target.Execute("UPDATE import_generation SET generation = @generation, changed_at = @changedAt WHERE id = 1", new { generation, changedAt }, tx);
        // Identity columns go on after the highest copied id.
        foreach (var table in Tables.Where(t => t is not ("section_tags" or "article_tags" or "retired_paths" or "retired_section_ids" or "facet_counts")))
            target.Execute($"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT max(id) FROM {table}), 0) + 1, false)", transaction: tx);

        new PostgresSearchIndex(target, tx).Rebuild();
        tx.Commit();
        return rows;
    }

    /// <summary>One table by binary COPY, its columns as PostgreSQL lists them (the same names on SQLite, as a test checks).</summary>
    static long CopyTable(System.Data.Common.DbConnection source, NpgsqlConnection target, NpgsqlTransaction tx, string table)
    {
        var columns = target.Query<(string Name, string Type)>("""
            SELECT column_name, data_type FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = @table ORDER BY ordinal_position
            """, new { table }, tx).AsList();
        var list = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));

        using var select = source.CreateCommand();
        select.CommandText = $"SELECT {list} FROM {table}";
        using var reader = select.ExecuteReader();
        using var copy = target.BeginBinaryImport($"COPY {table} ({list}) FROM STDIN (FORMAT BINARY)");
        long rows = 0;
        while (reader.Read())
        {
            copy.StartRow();
            for (var i = 0; i < columns.Count; i++)
            {
                if (reader.IsDBNull(i))
                    copy.WriteNull();
                else if (columns[i].Type == "bigint")
                    copy.Write(reader.GetInt64(i), NpgsqlDbType.Bigint);
                else if (columns[i].Type == "integer")
                    copy.Write(reader.GetInt32(i), NpgsqlDbType.Integer);
                else
                    copy.Write(reader.GetString(i), NpgsqlDbType.Text);
            }
            rows++;
        }
        copy.Complete();
        return rows;
    }
}
