using PolicyNews.Archive.Store;
using Dapper;
using Microsoft.Data.Sqlite;
using PolicyNews.Archive.Import;
using PolicyNews.Tests.Import;

namespace PolicyNews.Tests;

/// <summary>
/// A temp folder holding archive.db, filled through <see cref="FakePipeline"/>: with the sample
/// <see cref="Story"/>, its <see cref="Metadata"/> and <see cref="Tags"/>, or with files, metadata
/// and tags a test writes itself. Every query opens its own unpooled connection, so nothing holds
/// the file between imports.
/// </summary>
public sealed class SmallArchive : TempFolder
{
    /// <summary>
    /// A small archive on SQLite; with <paramref name="followProvider"/>, on the suite's provider
    /// (<see cref="TestProvider"/>: a PostgreSQL database of its own under POLICYNEWS_TEST_PROVIDER=PostgreSQL),
    /// for tests that read it only through the stores and the portal. Tests that look into the file
    /// (<see cref="Connect"/>, <see cref="Scalar{T}"/>) keep SQLite.
    /// </summary>
    public SmallArchive(bool followProvider = false) =>
        location = new Lazy<string>(() => followProvider && TestProvider.IsPostgres ? TestProvider.NewPostgresDatabase() : DatabasePath);

    readonly Lazy<string> location;

    public ArchiveProvider Provider => Location == DatabasePath ? ArchiveProvider.Sqlite : ArchiveProvider.PostgreSQL;

    /// <summary>The SQLite file or the PostgreSQL connection string.</summary>
    public string Location => location.Value;

    /// <summary>The archive opened on its provider, for the stores.</summary>
    public ArchiveDatabase Open() => Provider == ArchiveProvider.PostgreSQL
        ? ArchiveDatabase.OpenPostgres(Location)
        : ArchiveDatabase.Open(DatabasePath, PolicyNews.Archive.Search.SearchSqlFunctions.Register);

    /// <summary>The settings that point a portal at this archive.</summary>
    public (string Key, string Value)[] PortalSettings =>
    [
        ("Archive:Provider", Provider.ToString()), ("Archive:Database", DatabasePath),
        ("ConnectionStrings:Archive", Provider == ArchiveProvider.PostgreSQL ? Location : ""),
    ];

    /// <summary>
    /// As story.txt: a lead of two paragraphs (one with pinyin), a section "為什麼成功" of two
    /// paragraphs and a section "下一步" of two numbered items.
    /// </summary>
    public const string Story = """
        杭州的DeepSeek發布了新的大模型，引起關注。
        這是導語的第二段，說(shuō)明背景。
        為什麼成功
        成功在於開源與人才。
        資金來自幻方量化。
        下一步
        1.加強人才培養。
        2.完善風險投資。
        """;

    public static readonly IReadOnlyDictionary<string, ArticleMetadata> Metadata = new Dictionary<string, ArticleMetadata>
    {
        ["story.txt"] = new("deepseek-story", "DeepSeek的故事", "中國科學報", "2025-03", "趙廣立"),
        ["essay.txt"] = new("older-essay", "舊文", null, "2024-12"),
    };

    /// <summary>The story's lead mentions DeepSeek and 杭州; its sections 開源, 人才, 幻方量化, 人才培養 and 風險投資.</summary>
    public static readonly IReadOnlyList<TagDefinition> Tags =
    [
        new("DeepSeek", "deepseek", "organisation", ["深度求索"]),
        new("杭州", "hangzhou", "place", []),
        new("開源", "open-source", "topic", ["开源"]),
        new("創新人才", "innovative-talent", "topic", ["人才培養", "人才"]),
        new("風險投資", "venture-capital", "topic", ["风险投资"]),
        new("幻方量化", "high-flyer", "organisation", []),
    ];

    public string DatabasePath => this["archive.db"];

    /// <summary>Undoes migrations 009 (browsing) and 011 (facet counts), for tests that take a database back to an older schema and migrate it again.</summary>
    public const string UndoBrowsingFacets =
        "DROP TABLE facet_counts; DROP TABLE article_tags; DROP INDEX articles_by_source; DROP INDEX articles_by_type; ALTER TABLE articles DROP COLUMN type;";

    /// <summary>Imports the files with the sample <see cref="Metadata"/> and <see cref="Tags"/>.</summary>
    public ImportResult Import(params string[] files) => Import(files, Metadata, Tags);

    public ImportResult Import(IReadOnlyList<string> files, IReadOnlyDictionary<string, ArticleMetadata>? metadata,
        IReadOnlyList<TagDefinition>? tags = null) =>
        new ArchiveImporter(new FakePipeline()).Import(new ImportRequest(Location, files, metadata, tags) { Provider = Provider });

    public SqliteConnection Connect()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        return connection;
    }

    public T Scalar<T>(string sql)
    {
        using var connection = Connect();
        return connection.ExecuteScalar<T>(sql)!;
    }
}
