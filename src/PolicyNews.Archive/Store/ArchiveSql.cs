using System.Data.Common;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace PolicyNews.Archive.Store;

/// <summary>
/// The few pieces of SQL the two providers spell differently (docs/postgresql.md, "The seam"):
/// everything else a store or writer runs is in the subset SQLite and PostgreSQL both accept, so
/// each statement stays one string beside its Dapper call, with these pieces written into it.
/// </summary>
public sealed class ArchiveSql
{
    public static readonly ArchiveSql Sqlite = new(postgres: false);
    public static readonly ArchiveSql PostgreSQL = new(postgres: true);

    readonly bool postgres;

    ArchiveSql(bool postgres) => this.postgres = postgres;

    public static ArchiveSql For(DbConnection connection) => connection is SqliteConnection ? Sqlite : PostgreSQL;

    public bool IsPostgres => postgres;

    /// <summary>
    /// <paramref name="column"/> is one of the list parameter <paramref name="parameter"/>: Dapper
    /// expands <c>IN @list</c> into one parameter per value for SQLite, but hands Npgsql the list as
    /// one array, which PostgreSQL compares with <c>= ANY</c>.
    /// </summary>
    public string In(string column, string parameter) =>
        postgres ? $"{column} = ANY(@{parameter})" : $"{column} IN @{parameter}";

    /// <summary>The opposite of <see cref="In"/>; an empty list excludes nothing on both.</summary>
    public string NotIn(string column, string parameter) =>
        postgres ? $"NOT ({column} = ANY(@{parameter}))" : $"{column} NOT IN @{parameter}";

    /// <summary>
    /// <paramref name="column"/> is one of many row ids, passed as <see cref="Ids"/>: one JSON text
    /// on SQLite (a list of thousands would pass its limit on parameters), one array on PostgreSQL.
    /// </summary>
    public string InIds(string column, string parameter) =>
        postgres ? $"{column} = ANY(@{parameter})" : $"{column} IN (SELECT value FROM json_each(@{parameter}))";

    /// <summary>The value of an <see cref="InIds"/> parameter.</summary>
    public object Ids(IEnumerable<long> ids) => postgres ? ids.ToArray() : "[" + string.Join(',', ids) + "]";

    /// <summary>
    /// How many rows this connection (SQLite: over its whole life) or this transaction (PostgreSQL)
    /// has inserted, updated or deleted: a run compares it before and after to know whether it wrote.
    /// </summary>
    public string RowsWritten => postgres
        ? "SELECT CAST(COALESCE(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) AS bigint) FROM pg_stat_xact_user_tables"
        : "SELECT total_changes()";

    /// <summary>
    /// PostgreSQL: brings the planner's statistics of the tables an import grows up to date, inside
    /// its transaction (ANALYZE counts the transaction's own new rows). Without them the planner
    /// guesses 0.5 % of a table per article and, once the paragraphs outgrow that guess, reads all of
    /// them for each article it writes: the 10,000-article import took 808 s instead of minutes.
    /// SQLite's planner takes the indexes without statistics: nothing to run (null).
    /// </summary>
    public string? RefreshPlannerStatistics => postgres
        ? "ANALYZE articles, sections, paragraphs, annotations, repairs, section_tags, article_tags, retired_paths, retired_section_ids"
        : null;

    /// <summary>
    /// Rows to insert, as a FROM item named <c>r</c>: one JSON array of objects
    /// (<see cref="JsonRowsValue"/>) whose keys are the <paramref name="columns"/>' names. A writer
    /// inserts an article's paragraphs with one statement this way — on PostgreSQL one round trip
    /// instead of one per row. Columns are <c>(name, PostgreSQL type)</c>; SQLite takes each value
    /// as its JSON type gives it (integer, real, text, NULL).
    /// </summary>
    public string JsonRows(string parameter, params (string Name, string Type)[] columns) => postgres
        ? $"jsonb_to_recordset(CAST(@{parameter} AS jsonb)) AS r({string.Join(", ", columns.Select(c => $"\"{c.Name}\" {c.Type}"))})"
        : $"(SELECT {string.Join(", ", columns.Select(c => $"json_extract(value, '$.{c.Name}') AS \"{c.Name}\""))} FROM json_each(@{parameter})) AS r";

    /// <summary>
    /// <c>INSERT</c> of the rows of a <see cref="JsonRows"/> parameter into <paramref name="table"/>: into
    /// the columns of the same names, or into <paramref name="intoColumns"/>, in order (a mark's owner
    /// is <c>owner_id</c> in its rows, and a paragraph's or a section's id in its table).
    /// </summary>
    public string InsertJsonRows(string table, string parameter, (string Name, string Type)[] columns, string? intoColumns = null) =>
        $"INSERT INTO {table} ({intoColumns ?? string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) SELECT * FROM {JsonRows(parameter, columns)}";

    /// <summary>The value of a <see cref="JsonRows"/> parameter: each row's properties named in snake_case (<c>SectionId</c> is <c>section_id</c>).</summary>
    public static string JsonRowsValue<T>(IEnumerable<T> rows) => JsonSerializer.Serialize(rows, JsonRowsOptions);

    static readonly JsonSerializerOptions JsonRowsOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // Chinese text as it is, not as \u escapes: a third of the bytes to send and to parse.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A JSON object of the <paramref name="pairs"/> (<c>'key', value, …</c>).</summary>
    public string JsonObject(string pairs) => postgres ? $"json_build_object({pairs})" : $"json_object({pairs})";

    /// <summary>A JSON array of the <paramref name="values"/>.</summary>
    public string JsonArray(string values) => postgres ? $"json_build_array({values})" : $"json_array({values})";

    /// <summary>
    /// The aggregate of <paramref name="value"/> over the rows, in <paramref name="orderBy"/>'s order, as
    /// JSON text: <c>[]</c> for no rows on both (PostgreSQL's <c>json_agg</c> gives NULL then).
    /// </summary>
    public string JsonGroup(string value, string orderBy) => postgres
        ? $"CAST(COALESCE(json_agg({value} ORDER BY {orderBy}), '[]') AS text)"
        : $"json_group_array({value} ORDER BY {orderBy})";
}
